namespace Dlvx.Plugins.HeapStats;

/// <summary>An in-use heap span: its range, element size and which of its slots are allocated, read from the target's mspan.</summary>
/// <param name="Start">The first object's address.</param>
/// <param name="Bytes">The bytes its objects cover (whole elements only).</param>
/// <param name="ElementSize">The size of each slot.</param>
/// <param name="FreeIndex">mspan.freeindex: every slot below it is allocated.</param>
/// <param name="AllocBits">mspan.allocBits: from <paramref name="FreeIndex"/> on, a set bit marks an allocated slot.</param>
internal sealed record HeapSpan(ulong Start, ulong Bytes, ulong ElementSize, ulong FreeIndex, byte[] AllocBits)
{
    public bool Contains(ulong address) => address >= Start && address < Start + Bytes;

    /// <summary>Whether slot <paramref name="index"/> holds an allocated object, as mspan.isFree decides (its negation).</summary>
    public bool IsAllocated(ulong index) =>
        index < FreeIndex || (index / 8 < (ulong)AllocBits.Length && (AllocBits[index / 8] & (1 << (int)(index % 8))) != 0);
}
