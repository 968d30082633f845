namespace Dlvx.PluginRuntime.GoRuntime.Heap;

/// <summary>
/// The 2-bit heap bitmap (Go 1.19, mbitmap.go): each byte of <c>heapArena.bitmap</c> covers four
/// words, pointer bits in its low nibble and "scan" bits in its high nibble. The collector reads an
/// object's words until the first whose scan bit is clear.
/// </summary>
internal sealed class TwoBitArenaBitmap(TargetMemory memory, HeapArenas arenas, ulong bitmapOffset, ulong bitmapBytes) : PointerBitmap
{
    public override string Encoding => "2-bit arena bitmap";

    public override void AddMetadataRanges(HeapSpan span, ulong slotBase, ulong from, ulong to, List<(ulong, ulong)> ranges)
    {
        if (span.Noscan)
        {
            return;
        }

        // One range per arena the object touches (a large object can cross arenas).
        for (var at = slotBase + from; at < slotBase + to;)
        {
            var arenaEnd = arenas.ArenaStart(at) + arenas.ArenaBytes;
            var end = Math.Min(slotBase + to, arenaEnd);
            var arena = arenas.ArenaOf(at);
            if (arena != 0)
            {
                ranges.Add((arena + bitmapOffset + (at / 32 % bitmapBytes), ((end - at) / 32) + 1));
            }

            at = end;
        }
    }

    public override ValueTask<ObjectPointers> DescribeAsync(HeapSpan span, ulong slotBase, ulong from, ulong to, List<ulong> words, CancellationToken cancellationToken)
    {
        if (span.Noscan)
        {
            return ValueTask.FromResult(default(ObjectPointers));
        }

        for (var i = from / 8; i < to / 8; i++)
        {
            var address = slotBase + (i * 8);
            var bits = CachedByte(memory, arenas.ArenaOf(address) + bitmapOffset + (address / 32 % bitmapBytes)) >> (int)(address / 8 & 3);
            if ((bits & 0x10) == 0)
            {
                return ValueTask.FromResult(new ObjectPointers(0, null, NoMorePointers: true)); // no more pointers in this object
            }

            if ((bits & 1) != 0)
            {
                words.Add(i);
            }
        }

        return ValueTask.FromResult(default(ObjectPointers));
    }
}
