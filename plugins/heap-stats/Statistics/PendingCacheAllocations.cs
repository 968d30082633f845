namespace Dlvx.Plugins.HeapStats.Statistics;

/// <summary>
/// Allocations the per-P mcaches have made but not yet added to <c>runtime.memstats</c>: Go 1.19
/// counts a cached span's allocations only when the span leaves the cache, and tiny allocations
/// when the cache is flushed. <c>ReadMemStats</c> flushes every mcache first; heap-stats adds these
/// instead, which gives the same figures without changing the target.
/// </summary>
/// <param name="SmallAllocCount">Objects allocated per size class from cached spans since they were cached.</param>
/// <param name="SmallAllocBytes">Those objects' bytes (count times element size).</param>
/// <param name="TinyAllocCount">Tiny allocations not yet flushed.</param>
internal sealed record PendingCacheAllocations(ulong[] SmallAllocCount, ulong SmallAllocBytes, ulong TinyAllocCount);
