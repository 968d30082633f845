using Dlvx.Sdk;

namespace Dlvx.Plugins.RuntimeViews.Scheduler;

/// <summary>The scheduler at this instant: what GODEBUG=schedtrace=1,scheddetail=1 would print, from a stopped target or a core dump.</summary>
[Command(
    "sched-stats",
    Aliases = ["ss"],
    Summary = "Show the scheduler's state as GODEBUG=schedtrace would print it: Ps, Ms, run queues, goroutines by status, GC phase.",
    Description = "Read from the stopped target (or a core dump): GOMAXPROCS, idle Ps, threads, spinning and idle Ms, the global "
        + "run queue and each P's status and local run queue, goroutines by status and wait reason, the GC's cycle and phase, and "
        + "whether the world is stopped. The first line is schedtrace's own (without its time stamp).")]
public sealed class SchedStatsCommand(SchedulerReader reader) : ICommand
{
    /// <inheritdoc/>
    public async Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var stats = await reader.ReadAsync(cancellationToken);
        return CommandResult.Create(SchedStatsText.Format(stats), stats);
    }
}
