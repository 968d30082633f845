using System.Text.Json.Serialization;

namespace Dlvx.Sdk.Runtime;

/// <summary>How a heap reference is held: what kind of word points at the next object.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HeapEdgeKind>))]
public enum HeapEdgeKind
{
    /// <summary>A root word points straight at the object.</summary>
    Root,

    /// <summary>A pointer field of a struct (or a plain pointer).</summary>
    Field,

    /// <summary>An element of an array or of a slice's backing array.</summary>
    Element,

    /// <summary>A slice's pointer to its backing array.</summary>
    Slice,

    /// <summary>A string's pointer to its bytes.</summary>
    String,

    /// <summary>An interface's data word.</summary>
    Interface,

    /// <summary>A map's key.</summary>
    MapKey,

    /// <summary>A map's value.</summary>
    MapValue,

    /// <summary>A map's internal structure (buckets, tables, groups).</summary>
    MapInternal,

    /// <summary>A channel's pointer to its buffer, or an element queued in that buffer.</summary>
    ChannelBuffer,

    /// <summary>A function value's closure context, or a variable a closure captured.</summary>
    Closure,

    /// <summary>An <c>unsafe.Pointer</c>: the garbage collector follows it, so the walk does too.</summary>
    UnsafePointer,

    /// <summary>A pointer word the garbage collector's bitmap marks, in an object whose layout is not known.</summary>
    Untyped,
}
