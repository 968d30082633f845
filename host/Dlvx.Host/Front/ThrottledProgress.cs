using Dlvx.Sdk;

namespace Dlvx.Host.Front;

/// <summary>
/// Passes a command's progress to its client at most once a second, so a chatty command cannot
/// flood a connection. The first report always goes through. Reports are sent one after another,
/// and <see cref="WhenSentAsync"/> lets the route send its answer only after them.
/// </summary>
internal sealed class ThrottledProgress : IProgress<CommandProgress>
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly Func<CommandProgress, Task> send;
    private readonly Lock gate = new();
    private long lastTicks;
    private Task sending = Task.CompletedTask;

    /// <param name="send">Writes one report to the client; must not throw for a client that left.</param>
    public ThrottledProgress(Func<CommandProgress, Task> send) => this.send = send;

    public void Report(CommandProgress value)
    {
        var now = Environment.TickCount64;
        lock (gate)
        {
            if (lastTicks != 0 && now - lastTicks < Interval.TotalMilliseconds)
            {
                return;
            }

            lastTicks = now;
            sending = sending.ContinueWith(_ => send(value), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        }
    }

    /// <summary>Completes once every report passed on so far has been written.</summary>
    public Task WhenSentAsync()
    {
        lock (gate)
        {
            return sending.ContinueWith(static _ => { }, TaskScheduler.Default);
        }
    }
}
