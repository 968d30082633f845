namespace Dlvx.Plugins.HeapStats.Statistics;

/// <summary>
/// The target's <c>runtime.MemStats</c>, derived from the runtime's internal state exactly as the
/// target's <c>readmemstats_m</c> would. Property names are Go's, so <c>--json</c> output reads like a
/// Go program's own <c>MemStats</c>.
/// </summary>
public sealed class MemStats
{
    public ulong Alloc { get; init; }

    public ulong TotalAlloc { get; init; }

    public ulong Sys { get; init; }

    public ulong Mallocs { get; init; }

    public ulong Frees { get; init; }

    public ulong HeapAlloc { get; init; }

    public ulong HeapSys { get; init; }

    public ulong HeapIdle { get; init; }

    public ulong HeapInuse { get; init; }

    public ulong HeapReleased { get; init; }

    public ulong HeapObjects { get; init; }

    public ulong StackInuse { get; init; }

    public ulong StackSys { get; init; }

    public ulong MSpanInuse { get; init; }

    public ulong MSpanSys { get; init; }

    public ulong MCacheInuse { get; init; }

    public ulong MCacheSys { get; init; }

    public ulong BuckHashSys { get; init; }

    public ulong GCSys { get; init; }

    public ulong OtherSys { get; init; }

    public ulong NextGC { get; init; }

    public ulong LastGC { get; init; }

    public ulong PauseTotalNs { get; init; }

    public uint NumGC { get; init; }

    public uint NumForcedGC { get; init; }

    public double GCCPUFraction { get; init; }

    /// <summary>Every size class of the runtime (Go's own <c>MemStats.BySize</c> keeps only the first 61).</summary>
    public IReadOnlyList<SizeClassStats> BySize { get; init; } = [];
}
