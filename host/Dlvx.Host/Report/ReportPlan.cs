using Dlvx.Host.Report.Views;

namespace Dlvx.Host.Report;

/// <summary>The report's sections, in the order the page shows them.</summary>
internal static class ReportPlan
{
    /// <summary>The sections; <paramref name="top"/> rows for the lists that are cut (types, retainers).</summary>
    public static IReadOnlyList<PlannedSection> Sections(int top) =>
    [
        new("target", "Target", ["target-info"], new TargetView()),
        new("heap", "Heap statistics", ["heap-stats"], new HeapStatsView()),
        new("types", "Live objects by type", ["heap-stats", "--by-type", "-top", Count(top)], new TypeHistogramView(top)),
        new("goroutines", "Goroutines", ["goroutine-graph"], new GoroutineGraphView()),
        new("memory", "Memory map", ["memory-map"], new MemoryMapView()),
        new("scheduler", "Scheduler", ["sched-stats"], new SchedStatsView()),
        new("leaks", "Leaked goroutines", ["goroutine-leaks"], new LeaksView()),
        new("retainers", "Top retainers", ["heap-stats", "--dominators", "-top", Count(top)], new RetainersView()),
    ];

    private static string Count(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
