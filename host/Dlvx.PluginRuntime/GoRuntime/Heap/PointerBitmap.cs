using Dlvx.Sdk.Runtime;

namespace Dlvx.PluginRuntime.GoRuntime.Heap;

/// <summary>
/// Which words of a heap object hold pointers, read the way the garbage collector's scanobject reads
/// them. Three encodings exist, and which one the target uses is decided by what its debug
/// information declares, never by its version: a 2-bit arena bitmap (<c>heapArena.bitmap</c> of bytes),
/// a 1-bit arena bitmap (<c>heapArena.bitmap</c> of words), or allocation headers
/// (<c>runtime.mallocHeaderSize</c> above 0).
/// </summary>
internal abstract class PointerBitmap
{
    /// <summary>A one-line name of the encoding, for progress and diagnostics.</summary>
    public abstract string Encoding { get; }

    /// <summary>Picks the encoding the target's runtime declares.</summary>
    /// <exception cref="RuntimeLayoutException">None of the known encodings matches.</exception>
    public static async Task<PointerBitmap> CreateAsync(IRuntimeLayout layout, TargetMemory memory, HeapArenas arenas, RuntimeTypes types, CancellationToken cancellationToken)
    {
        if (await layout.FindConstantAsync("runtime.mallocHeaderSize", cancellationToken) is > 0 and var header)
        {
            var threshold = await layout.FindConstantAsync("runtime.minSizeForMallocHeader", cancellationToken)
                ?? throw await layout.MissingAsync("constant runtime.minSizeForMallocHeader", cancellationToken);
            var inline = await layout.FindStructAsync("runtime.spanInlineMarkBits", cancellationToken);
            return new HeaderPointerBitmap(memory, types, (ulong)header, (ulong)threshold, inline?.Size ?? 0);
        }

        // Before allocation headers, the arena's bitmap: bytes of 2-bit entries, or words of 1-bit ones
        // (in Go 1.22 built without headers, inside an embedded heapArenaPtrScalar).
        var arena = arenas.HeapArenaLayout;
        ulong bitmapOffset;
        GoField bitmap;
        if (arena.Find("bitmap") is { } direct)
        {
            (bitmap, bitmapOffset) = (direct, direct.Offset);
        }
        else if (arena.Find("heapArenaPtrScalar") is { } embedded && await layout.FindStructAsync(embedded.TypeName, cancellationToken) is { } ptrScalar && ptrScalar.Find("bitmap") is { } inner)
        {
            (bitmap, bitmapOffset) = (inner, embedded.Offset + inner.Offset);
        }
        else
        {
            throw await layout.MissingAsync("heap pointer bitmap (runtime.mallocHeaderSize, or runtime.heapArena.bitmap)", cancellationToken);
        }

        return bitmap.TypeName.EndsWith("]uint8", StringComparison.Ordinal)
            ? new TwoBitArenaBitmap(memory, arenas, bitmapOffset, bitmap.Size)
            : new OneBitArenaBitmap(memory, arenas, bitmapOffset, bitmap.Size);
    }

    /// <summary>Bytes from a slot's start to the program's data in this span: 8 past a malloc header, else 0.</summary>
    public virtual ulong DataOffset(HeapSpan span) => 0;

    /// <summary>
    /// Adds the metadata ranges the description of the object's bytes <paramref name="from"/> to
    /// <paramref name="to"/> (offsets from the slot's start, word-aligned) needs, besides the object itself.
    /// </summary>
    public abstract void AddMetadataRanges(HeapSpan span, ulong slotBase, ulong from, ulong to, List<(ulong, ulong)> ranges);

    /// <summary>
    /// Fills <paramref name="words"/> with the indexes (from the slot's start) of the object's pointer
    /// words from byte <paramref name="from"/> to byte <paramref name="to"/>, ascending: the whole object,
    /// or a window of a large one. The metadata and the object's first word must be cached; a type
    /// descriptor a header names is read if it is not known yet.
    /// </summary>
    public abstract ValueTask<ObjectPointers> DescribeAsync(HeapSpan span, ulong slotBase, ulong from, ulong to, List<ulong> words, CancellationToken cancellationToken);

    /// <summary>Reads a cached little-endian word of metadata.</summary>
    protected static ulong CachedWord(TargetMemory memory, ulong address) =>
        memory.TryReadWord(address, out var value) ? value : throw new TargetMemoryException($"heap metadata at 0x{address:x} is not readable");
}
