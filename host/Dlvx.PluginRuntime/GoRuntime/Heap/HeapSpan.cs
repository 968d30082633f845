namespace Dlvx.PluginRuntime.GoRuntime.Heap;

/// <summary>One in-use span of the heap, as the allocator left it at this stop.</summary>
internal sealed class HeapSpan
{
    /// <summary>The span's mspan struct, for specials.</summary>
    public required ulong Header { get; init; }

    /// <summary>Its first byte (mspan.startAddr).</summary>
    public required ulong Start { get; init; }

    /// <summary>Its pages times the page size.</summary>
    public required ulong Bytes { get; init; }

    /// <summary>The size of each slot (mspan.elemsize).</summary>
    public required ulong ElementSize { get; init; }

    /// <summary>How many slots (mspan.nelems).</summary>
    public required int SlotCount { get; init; }

    /// <summary>The size class (spanclass &gt;&gt; 1); 0 for a large object's span.</summary>
    public required int SizeClass { get; init; }

    /// <summary>Whether its objects hold no pointers (the spanclass's low bit).</summary>
    public required bool Noscan { get; init; }

    /// <summary>Slots below this are allocated whatever their allocBits say (mspan.freeIndexForScan).</summary>
    public required int FreeIndexForScan { get; init; }

    /// <summary>mspan.allocBits: one bit per slot, as of the last sweep.</summary>
    public required byte[] AllocBits { get; init; }

    /// <summary>mspan.specials: the first special record (finalizers, cleanups, weak handles), or 0.</summary>
    public required ulong Specials { get; init; }

    /// <summary>mspan.largeType: a large object's type descriptor (Go 1.22+), or 0.</summary>
    public required ulong LargeType { get; init; }

    /// <summary>Whether the span ends in inline mark bits (Go 1.26's Green Tea collector), which push its heap bits down.</summary>
    public required bool InlineMarkBits { get; init; }

    /// <summary>The global index of its first slot, for per-object tables.</summary>
    public int FirstSlot { get; set; }

    /// <summary>Where the slots end.</summary>
    public ulong End => Start + ((ulong)SlotCount * ElementSize);

    /// <summary>Whether slot <paramref name="slot"/> holds an allocated object (runtime's mspan.isFree, negated).</summary>
    public bool IsAllocated(int slot) =>
        slot < FreeIndexForScan || (slot / 8 < AllocBits.Length && (AllocBits[slot / 8] >> (slot % 8) & 1) != 0);

    /// <summary>The address of slot <paramref name="slot"/>.</summary>
    public ulong SlotAddress(int slot) => Start + ((ulong)slot * ElementSize);
}
