namespace Dlvx.Plugins.GoroutineGraph;

/// <summary>Names of the runtime's goroutine states (runtime2.go; stable since Go 1.0).</summary>
public static class GoroutineStatus
{
    public static string Name(ulong status) => (status & ~0x1000UL) switch
    {
        0 => "idle",
        1 => "runnable",
        2 => "running",
        3 => "syscall",
        4 => "waiting",
        6 => "dead",
        8 => "copystack",
        9 => "preempted",
        _ => $"status {status}",
    };

    /// <summary>Whether the goroutine can make progress without another one acting.</summary>
    public static bool CanRun(string status) => status is "runnable" or "running" or "syscall" or "preempted";
}
