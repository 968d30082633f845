using Dlvx.Sdk;

namespace Dlvx.Host.Dap;

/// <summary>Forwards at most one progress report per second, so a chatty command cannot flood a client.</summary>
internal sealed class ThrottledProgress : IProgress<CommandProgress>
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly Func<CommandProgress, Task> send;
    private long lastTicks;

    public ThrottledProgress(Func<CommandProgress, Task> send) => this.send = send;

    public void Report(CommandProgress value)
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref lastTicks);
        if (last != 0 && now - last < Interval.TotalMilliseconds)
        {
            return;
        }

        if (Interlocked.CompareExchange(ref lastTicks, now, last) == last)
        {
            _ = send(value);
        }
    }
}
