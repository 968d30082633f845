namespace Dlvx.Plugins.GoroutineGraph;

/// <summary>What goroutine states mean for the graph; the names themselves are the target runtime's own (<c>runtime._G*</c>).</summary>
public static class GoroutineStatus
{
    /// <summary>Whether the goroutine can make progress without another one acting.</summary>
    public static bool CanRun(string status) => status is "runnable" or "running" or "syscall" or "preempted";
}
