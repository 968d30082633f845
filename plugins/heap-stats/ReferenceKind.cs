namespace Dlvx.Plugins.HeapStats;

/// <summary>What a word (or two) inside a value refers to, for the heap walk.</summary>
internal enum ReferenceKind
{
    /// <summary>A pointer to one value of the target type.</summary>
    Pointer = 0,

    /// <summary>A slice header: data pointer and capacity (at +16) of an array of the target type.</summary>
    Slice = 1,

    /// <summary>A string header: data pointer and length (at +8).</summary>
    String = 2,

    /// <summary>An interface: type word and data word; the dynamic type is looked up once per type word.</summary>
    Interface = 3,

    /// <summary>A map: a pointer to the runtime's hmap.</summary>
    Map = 4,

    /// <summary>
    /// An array embedded in the value, whose elements hold references: kept as one entry (element
    /// shape and count) rather than expanded, so a large array costs no memory in the layout.
    /// </summary>
    Array = 5,
}
