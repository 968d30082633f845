namespace Dlvx.Plugins.HeapStats.Statistics;

/// <summary>
/// The runtime's <c>heapStatsDelta</c> summed over the ring in <c>memstats.heapStats.stats</c>,
/// which is what <c>consistentHeapStats.unsafeRead</c> returns when the world is stopped.
/// </summary>
internal sealed class HeapStatsDelta
{
    private HeapStatsDelta(int sizeClassCount)
    {
        SmallAllocCount = new ulong[sizeClassCount];
        SmallFreeCount = new ulong[sizeClassCount];
    }

    public long Committed { get; private set; }

    public long Released { get; private set; }

    public long InHeap { get; private set; }

    public long InStacks { get; private set; }

    public long InWorkBufs { get; private set; }

    public long InPtrScalarBits { get; private set; }

    public ulong TinyAllocCount { get; private set; }

    public ulong LargeAlloc { get; private set; }

    public ulong LargeAllocCount { get; private set; }

    public ulong[] SmallAllocCount { get; }

    public ulong LargeFree { get; private set; }

    public ulong LargeFreeCount { get; private set; }

    public ulong[] SmallFreeCount { get; }

    /// <summary>Adds up the ring's deltas, as <c>heapStatsDelta.merge</c> does (wrapping like Go's integers).</summary>
    public static HeapStatsDelta Sum(IReadOnlyList<RuntimeVariable> ring, int sizeClassCount)
    {
        var sum = new HeapStatsDelta(sizeClassCount);
        foreach (var delta in ring)
        {
            unchecked
            {
                sum.Committed += delta.Int64("committed");
                sum.Released += delta.Int64("released");
                sum.InHeap += delta.Int64("inHeap");
                sum.InStacks += delta.Int64("inStacks");
                sum.InWorkBufs += delta.Int64("inWorkBufs");
                // Go 1.26 dropped inPtrScalarBits with the last per-arena bitmaps.
                sum.InPtrScalarBits += delta.Has("inPtrScalarBits") ? delta.Int64("inPtrScalarBits") : 0;
                sum.TinyAllocCount += delta.UInt64("tinyAllocCount");
                sum.LargeAlloc += delta.UInt64("largeAlloc");
                sum.LargeAllocCount += delta.UInt64("largeAllocCount");
                sum.LargeFree += delta.UInt64("largeFree");
                sum.LargeFreeCount += delta.UInt64("largeFreeCount");
                AddArray(sum.SmallAllocCount, delta.Elements("smallAllocCount"));
                AddArray(sum.SmallFreeCount, delta.Elements("smallFreeCount"));
            }
        }

        return sum;
    }

    /// <summary>Adds what the mcaches hold uncounted, as flushing them (<c>mcache.releaseAll</c>) would.</summary>
    public void AddPending(PendingCacheAllocations pending)
    {
        unchecked
        {
            for (var i = 0; i < SmallAllocCount.Length; i++)
            {
                SmallAllocCount[i] += pending.SmallAllocCount[i];
            }

            TinyAllocCount += pending.TinyAllocCount;
        }
    }

    private static void AddArray(ulong[] sum, IReadOnlyList<RuntimeVariable> counts)
    {
        if (counts.Count != sum.Length)
        {
            throw new Dlvx.Sdk.CommandException($"runtime.memstats.heapStats has {counts.Count} size classes but the size-class table has {sum.Length}");
        }

        for (var i = 0; i < sum.Length; i++)
        {
            unchecked
            {
                sum[i] += counts[i].UInt64();
            }
        }
    }
}
