using Dlvx.Sdk.Runtime;

namespace Dlvx.PluginRuntime.GoRuntime.Heap;

/// <summary>
/// The 2-bit heap bitmap (Go 1.19, mbitmap.go): each byte of <c>heapArena.bitmap</c> covers four
/// words, pointer bits in its low nibble and "scan" bits in its high nibble. The collector reads an
/// object's words until the first whose scan bit is clear.
/// </summary>
internal sealed class TwoBitArenaBitmap(TargetMemory memory, HeapArenas arenas, ulong bitmapOffset, ulong bitmapBytes) : PointerBitmap
{
    // Bitmap bytes copied at once: 256, covering 1,024 words.
    private const int ChunkBytes = 256;
    private const ulong ChunkWords = ChunkBytes * 4;

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

    public override ValueTask<ObjectPointers> DescribeAsync(HeapSpan span, ulong slotBase, ulong from, ulong to, List<ulong> pointerWords, CancellationToken cancellationToken)
    {
        if (span.Noscan)
        {
            return ValueTask.FromResult(default(ObjectPointers));
        }

        // The bitmap's bytes for the words, copied a run at a time (a lock taken once, not once a
        // word): within an arena, consecutive words' entries are consecutive bytes, four words to one.
        Span<byte> run = stackalloc byte[ChunkBytes];
        for (var i = from / 8; i < to / 8;)
        {
            var address = slotBase + (i * 8);
            var arenaEnd = arenas.ArenaStart(address) + arenas.ArenaBytes;
            var words = Math.Min(to / 8 - i, Math.Min((arenaEnd - address) / 8, ChunkWords - (address / 8 & 3)));
            var firstByte = arenas.ArenaOf(address) + bitmapOffset + (address / 32 % bitmapBytes);
            var bytes = run[..(int)((((address / 8 & 3) + words - 1) / 4) + 1)];
            if (!memory.TryCopyTo(firstByte, bytes))
            {
                throw new TargetMemoryException($"heap metadata at 0x{firstByte:x} is not readable");
            }

            for (var w = 0UL; w < words; w++, i++)
            {
                var shift = (address / 8 & 3) + w;
                var bits = bytes[(int)(shift / 4)] >> (int)(shift % 4);
                if ((bits & 0x10) == 0)
                {
                    return ValueTask.FromResult(new ObjectPointers(0, null, NoMorePointers: true)); // no more pointers in this object
                }

                if ((bits & 1) != 0)
                {
                    pointerWords.Add(i);
                }
            }
        }

        return ValueTask.FromResult(default(ObjectPointers));
    }
}
