namespace Dlvx.Plugins.HeapStats;

/// <summary>An in-use heap span: its range and element size, read from the target's mspan.</summary>
internal sealed record HeapSpan(ulong Address, ulong Start, ulong Bytes, ulong ElementSize)
{
    public bool Contains(ulong address) => address >= Start && address < Start + Bytes;
}
