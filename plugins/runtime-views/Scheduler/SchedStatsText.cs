using System.Globalization;
using System.Text;
using Dlvx.Sdk.Text;

namespace Dlvx.Plugins.RuntimeViews.Scheduler;

/// <summary>sched-stats as text: schedtrace's line first, then the detail schedtrace prints with scheddetail=1.</summary>
public static class SchedStatsText
{
    public static string Format(SchedStatsData stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        var text = new StringBuilder();
        text.Append("SCHED ").AppendLine(stats.SchedTrace);
        var world = stats.World.Stopped ? "stopped (stop-the-world complete)"
            : stats.World.Stopping ? $"stopping ({stats.World.PsToStop} Ps still to stop)"
            : "running (no stop-the-world)";
        var gogc = stats.Gc.Percent is { } percent ? percent < 0 ? ", GOGC=off" : $", GOGC={percent}" : "";
        var summary = new TextTable { Gap = " " }.AddColumn("").AddColumn("")
            .AddRow("Procs", $"GOMAXPROCS {stats.GoMaxProcs}{(stats.NumCpu is { } cpus ? $" of {cpus} CPUs" : "")}, {stats.IdleProcs} idle")
            .AddRow("Threads", $"{stats.Threads} Ms, {stats.IdleThreads} idle, {stats.SpinningThreads} spinning{(stats.NeedSpinning == true ? " (another wanted)" : "")}")
            .AddRow("Run queues", $"global {stats.GlobalRunQueue}, local {stats.Processors.Sum(p => p.RunQueue)} (+{stats.Processors.Count(p => p.RunNext)} in runnext)")
            .AddRow("Goroutines", $"NumGoroutine {stats.Goroutines.NumGoroutine}; {stats.Goroutines.Total} not dead, {stats.Goroutines.System} of them system: {Counts(stats.Goroutines.ByStatus)}")
            .AddRow("GC", $"{stats.Gc.Cycles} cycles completed ({stats.Gc.ForcedCycles} forced), phase {stats.Gc.Phase}{gogc}")
            .AddRow("World", world);
        summary.AppendTo(text);

        text.AppendLine().AppendLine("Ps:");
        var processors = new TextTable { Indent = "  " }
            .AddColumn("P", ColumnAlignment.Right).AddColumn("status").AddColumn("runq", ColumnAlignment.Right).AddColumn("runnext")
            .AddColumn("M", ColumnAlignment.Right).AddColumn("schedtick", ColumnAlignment.Right).AddColumn("syscalltick", ColumnAlignment.Right)
            .AddColumn("gfree", ColumnAlignment.Right).AddColumn("timers", ColumnAlignment.Right);
        foreach (var p in stats.Processors)
        {
            processors.AddRow(p.Id, p.Status, p.RunQueue, p.RunNext ? "yes" : "", p.M?.ToString(CultureInfo.InvariantCulture) ?? "-", p.SchedTick, p.SyscallTick, p.FreeGoroutines, p.Timers?.ToString(CultureInfo.InvariantCulture) ?? "?");
        }

        processors.AppendTo(text);
        text.AppendLine().AppendLine("Ms:");
        var machines = new TextTable { Indent = "  " }
            .AddColumn("M", ColumnAlignment.Right).AddColumn("thread", ColumnAlignment.Right).AddColumn("P", ColumnAlignment.Right)
            .AddColumn("curg", ColumnAlignment.Right).AddColumn("spinning").AddColumn("blocked").AddColumn("lockedg", ColumnAlignment.Right);
        foreach (var m in stats.Machines.OrderBy(m => m.Id))
        {
            machines.AddRow(m.Id, m.ThreadId, Optional(m.P), Optional(m.CurrentGoroutine), m.Spinning ? "yes" : "", m.Blocked ? "yes" : "", Optional(m.LockedGoroutine));
        }

        machines.AppendTo(text);
        if (stats.Goroutines.ByWaitReason.Count > 0)
        {
            text.AppendLine().Append("Waiting: ").Append(Counts(stats.Goroutines.ByWaitReason));
        }

        return text.ToString().TrimEnd();
    }

    private static string Counts(IReadOnlyDictionary<string, int> counts) => string.Join(", ", counts.Select(c => $"{c.Value} {c.Key}"));

    private static string Optional<T>(T? value)
        where T : struct, IFormattable => value?.ToString(null, CultureInfo.InvariantCulture) ?? "-";
}
