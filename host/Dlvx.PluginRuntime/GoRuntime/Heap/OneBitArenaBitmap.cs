namespace Dlvx.PluginRuntime.GoRuntime.Heap;

/// <summary>
/// The 1-bit heap bitmap (Go 1.20 and 1.21, and 1.22 built without allocation headers): bit j of word
/// i of <c>heapArena.bitmap</c> says whether arena word 64i+j holds a pointer. Bits past an object's last
/// pointer are zero (noMorePtrs only lets the runtime stop early), so all of the object's bits are read.
/// </summary>
internal sealed class OneBitArenaBitmap(TargetMemory memory, HeapArenas arenas, ulong bitmapOffset, ulong bitmapBytes) : PointerBitmap
{
    public override string Encoding => "1-bit arena bitmap";

    public override void AddMetadataRanges(HeapSpan span, ulong slotBase, ulong from, ulong to, List<(ulong, ulong)> ranges)
    {
        if (span.Noscan)
        {
            return;
        }

        for (var at = slotBase + from; at < slotBase + to;)
        {
            var end = Math.Min(slotBase + to, arenas.ArenaStart(at) + arenas.ArenaBytes);
            var arena = arenas.ArenaOf(at);
            if (arena != 0)
            {
                var firstWord = BitmapWord(at);
                var lastWord = BitmapWord(end - 8);
                ranges.Add((arena + bitmapOffset + (firstWord * 8), ((lastWord - firstWord) * 8) + 8));
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

        var cachedIndex = ulong.MaxValue;
        ulong bits = 0;
        for (var i = from / 8; i < to / 8; i++)
        {
            var address = slotBase + (i * 8);
            var arena = arenas.ArenaOf(address);
            var wordAddress = arena + bitmapOffset + (BitmapWord(address) * 8);
            if (wordAddress != cachedIndex)
            {
                cachedIndex = wordAddress;
                bits = CachedWord(memory, wordAddress);
            }

            if ((bits >> (int)(address / 8 % 64) & 1) != 0)
            {
                words.Add(i);
            }
        }

        return ValueTask.FromResult(default(ObjectPointers));
    }

    // The index of the bitmap word covering the heap word at `address`, within its arena.
    private ulong BitmapWord(ulong address) => address / 8 % (bitmapBytes / 8 * 64) / 64;
}
