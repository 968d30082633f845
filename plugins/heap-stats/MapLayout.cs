namespace Dlvx.Plugins.HeapStats;

/// <summary>
/// How one map type's buckets are laid out (map.go's bmap as the compiler extends it): tophash [8]uint8,
/// keys [8]K, elems [8]V, overflow *bmap. Keys and elements over 128 bytes are stored as pointers.
/// With 8-byte tophash and 8 slots every part is 8-byte aligned, so there is no padding.
/// </summary>
/// <param name="Key">References of one key slot.</param>
/// <param name="Element">References of one element slot.</param>
/// <param name="KeySize">Bytes per key slot.</param>
/// <param name="ElementSize">Bytes per element slot.</param>
/// <param name="HashName">The header's name, as the linker's DWARF names it (<c>hash&lt;K,V&gt;</c>).</param>
/// <param name="BucketName">The bucket's name, as the linker's DWARF names it (<c>bucket&lt;K,V&gt;</c>).</param>
internal sealed record MapLayout(IReadOnlyList<Reference> Key, IReadOnlyList<Reference> Element, ulong KeySize, ulong ElementSize, string HashName, string BucketName)
{
    /// <summary>Slots per bucket (map.go's bucketCnt).</summary>
    public const int BucketCount = 8;

    /// <summary>Tophash values below this mark empty or evacuated slots (map.go's minTopHash).</summary>
    public const byte MinTopHash = 5;

    /// <summary>Where the first key is.</summary>
    public const ulong KeysOffset = BucketCount;

    /// <summary>Where the first element is.</summary>
    public ulong ElementsOffset => KeysOffset + (BucketCount * KeySize);

    /// <summary>Where the overflow pointer is.</summary>
    public ulong OverflowOffset => ElementsOffset + (BucketCount * ElementSize);

    /// <summary>The size of one bucket.</summary>
    public ulong BucketSize => OverflowOffset + 8;
}
