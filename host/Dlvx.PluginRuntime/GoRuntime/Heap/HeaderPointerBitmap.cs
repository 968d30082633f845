using Dlvx.Sdk.Runtime;

namespace Dlvx.PluginRuntime.GoRuntime.Heap;

/// <summary>
/// Allocation headers (Go 1.22+, runtime.typePointersOfUnchecked). Objects up to
/// <c>minSizeForMallocHeader</c> bytes have their pointer bits at the end of their span (below the
/// span's inline mark bits, where Go 1.26's collector keeps them); larger small objects start with a
/// <c>*_type</c> header and their data follows it; a large object's type is <c>mspan.largeType</c>.
/// A header's type is tiled over the slot: an allocation may hold an array of the type.
/// </summary>
internal sealed class HeaderPointerBitmap(TargetMemory memory, RuntimeTypes types, ulong headerSize, ulong threshold, ulong inlineMarkBitsSize) : PointerBitmap
{
    public override string Encoding => inlineMarkBitsSize > 0 ? "allocation headers, span heap bits below inline mark bits" : "allocation headers";

    public override ulong DataOffset(HeapSpan span) => !span.Noscan && span.SizeClass != 0 && span.ElementSize > threshold ? headerSize : 0;

    public override void AddMetadataRanges(HeapSpan span, ulong slotBase, ulong from, ulong to, List<(ulong, ulong)> ranges)
    {
        if (span.Noscan)
        {
            return;
        }

        if (span.ElementSize <= threshold)
        {
            ranges.Add((HeapBitsBase(span), span.Bytes / 64));
        }
        else if (span.SizeClass != 0)
        {
            ranges.Add((slotBase, 8));
        }
    }

    public override async ValueTask<ObjectPointers> DescribeAsync(HeapSpan span, ulong slotBase, ulong from, ulong to, List<ulong> words, CancellationToken cancellationToken)
    {
        if (span.Noscan)
        {
            return default;
        }

        if (span.ElementSize <= threshold)
        {
            SmallObjectWords(span, slotBase, from, to, words);
            return default;
        }

        var typeAddress = span.SizeClass != 0 ? CachedWord(memory, slotBase) : span.LargeType;
        if (typeAddress == 0)
        {
            // A large object whose type is not set yet (delayed zeroing): the collector scans nothing.
            return default;
        }

        var type = types.TryGet(typeAddress) ?? await types.GetAsync(typeAddress, cancellationToken);
        var start = span.SizeClass != 0 ? headerSize : 0;
        var limit = Math.Min(span.ElementSize, to);
        if (type.Size > 0 && type.PointerBytes > 0)
        {
            // The type tiled from the data's start; a window begins with the element it cuts into.
            var first = from <= start ? start : start + ((from - start) / type.Size * type.Size);
            for (var element = first; element < limit; element += type.Size)
            {
                for (var w = 0UL; w < type.PointerBytes / 8 && element + (w * 8) < limit; w++)
                {
                    if (element + (w * 8) >= from && type.IsPointer(w))
                    {
                        words.Add((element / 8) + w);
                    }
                }
            }
        }

        return new ObjectPointers(start, type);
    }

    // A bit per word at the end of the span: the object's bits read in one copy (a lock taken once,
    // not once a word; this runs for most objects of a heap).
    private void SmallObjectWords(HeapSpan span, ulong slotBase, ulong from, ulong to, List<ulong> words)
    {
        var firstBit = ((slotBase - span.Start) / 8) + (from / 8);
        var bitCount = (to - from) / 8;
        if (bitCount == 0)
        {
            return;
        }

        var firstByte = firstBit / 8;
        Span<byte> bits = stackalloc byte[(int)(((firstBit + bitCount - 1) / 8) - firstByte + 1)];
        if (!memory.TryCopyTo(HeapBitsBase(span) + firstByte, bits))
        {
            throw new TargetMemoryException($"heap metadata at 0x{HeapBitsBase(span) + firstByte:x} is not readable");
        }

        for (var i = 0UL; i < bitCount; i++)
        {
            var bit = firstBit + i - (firstByte * 8);
            if ((bits[(int)(bit / 8)] >> (int)(bit % 8) & 1) != 0)
            {
                words.Add((from / 8) + i);
            }
        }
    }

    private ulong HeapBitsBase(HeapSpan span) =>
        span.Start + span.Bytes - (span.Bytes / 64) - (span.InlineMarkBits ? inlineMarkBitsSize : 0);
}
