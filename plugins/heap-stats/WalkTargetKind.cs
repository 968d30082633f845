namespace Dlvx.Plugins.HeapStats;

/// <summary>What the heap walk expects to find at an address, which decides how it is named and scanned.</summary>
internal enum WalkTargetKind
{
    /// <summary>One value of the target's type.</summary>
    Value = 0,

    /// <summary>A slice's backing array: Count values of the target's type, named <c>[Count]T</c>.</summary>
    Array = 1,

    /// <summary>Bytes holding no references (a string's data).</summary>
    Opaque = 2,

    /// <summary>A map's header (runtime.hmap); the target's type is the map type.</summary>
    Map = 3,

    /// <summary>A map's bucket array, scanned bucket by bucket to the end of its allocation.</summary>
    BucketArray = 4,

    /// <summary>One overflow bucket of a map.</summary>
    OverflowBucket = 5,

    /// <summary>A map's runtime.mapextra, which keeps the overflow buckets of pointer-free maps alive.</summary>
    MapExtra = 6,

    /// <summary>A <c>*[]*bmap</c>'s slice header in runtime.mapextra.</summary>
    OverflowList = 7,

    /// <summary>The backing array of an overflow list: Count bucket pointers.</summary>
    OverflowArray = 8,
}
