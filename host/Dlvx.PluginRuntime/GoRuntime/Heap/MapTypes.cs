namespace Dlvx.PluginRuntime.GoRuntime.Heap;

/// <summary>
/// How one map type's entries are laid out. Keys and values over 128 bytes are stored as pointers
/// (map.go's maxKeySize and maxElemSize, maps' MaxKeyBytes and MaxElemBytes).
/// </summary>
/// <param name="Name">The map type, <c>map[K]V</c>.</param>
/// <param name="Key">A key slot's shape (a pointer shape when stored indirectly).</param>
/// <param name="Element">A value slot's shape.</param>
internal sealed record MapTypes(string Name, TypeShape Key, TypeShape Element)
{
    /// <summary>Entries per classic bucket and per Swiss group.</summary>
    public const int SlotsPerGroup = 8;

    /// <summary>The largest key or value stored inline.</summary>
    public const ulong MaxInlineSize = 128;

    /// <summary>The <c>K,V</c> part of the internal types' names.</summary>
    public string Arguments => $"{Key.Name},{Element.Name}";

    /// <summary>A classic bucket: tophash [8]uint8, keys [8]K, elems [8]V, overflow pointer; all 8-aligned, so no padding.</summary>
    public ulong ClassicKeysOffset => SlotsPerGroup;

    public ulong ClassicElementsOffset => ClassicKeysOffset + (SlotsPerGroup * Key.Size);

    public ulong ClassicOverflowOffset => ClassicElementsOffset + (SlotsPerGroup * Element.Size);

    public ulong ClassicBucketSize => ClassicOverflowOffset + 8;

    /// <summary>A Swiss slot: struct { key K; elem V } laid out by Go's rules.</summary>
    public ulong SwissElementOffset => AlignUp(Key.Size, Math.Max(1, Element.Align));

    public ulong SwissSlotSize => AlignUp(SwissElementOffset + Element.Size, Math.Max(1, Math.Max(Key.Align, Element.Align)));

    /// <summary>A Swiss group: ctrl uint64, then 8 slots.</summary>
    public ulong SwissGroupSize => 8 + (SlotsPerGroup * Math.Max(SwissSlotSize, 1));

    private static ulong AlignUp(ulong value, ulong alignment) => (value + alignment - 1) / alignment * alignment;
}
