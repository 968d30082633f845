namespace Dlvx.PluginRuntime.GoRuntime.Heap;

/// <summary>What a word (or two) inside a value refers to.</summary>
internal enum ReferenceKind
{
    /// <summary>A pointer to one value of the target type.</summary>
    Pointer,

    /// <summary>A slice header: data pointer, length, and capacity (at +16) of an array of the target type.</summary>
    Slice,

    /// <summary>A string header: data pointer and length (at +8).</summary>
    String,

    /// <summary>An interface: a type (or itab) word, then the data word (at +8).</summary>
    Interface,

    /// <summary>A map: a pointer to the runtime's map header.</summary>
    Map,

    /// <summary>A channel: a pointer to the runtime's hchan.</summary>
    Chan,

    /// <summary>A function value: a pointer to a funcval, a closure's context.</summary>
    Func,

    /// <summary>An unsafe.Pointer, which the collector follows although its target's type is unknown.</summary>
    UnsafePointer,

    /// <summary>An array embedded in the value whose elements hold references: element shape and count.</summary>
    Array,
}
