namespace Dlvx.Sdk.Delve;

/// <summary>Go's <c>reflect.Kind</c>, as Delve reports it in <see cref="Variable.Kind"/>.</summary>
public enum GoKind
{
    /// <summary>No kind: the value could not be read.</summary>
    Invalid = 0,

    /// <summary>Go's <c>bool</c>.</summary>
    Bool = 1,

    /// <summary>Go's <c>int</c>.</summary>
    Int = 2,

    /// <summary>Go's <c>int8</c>.</summary>
    Int8 = 3,

    /// <summary>Go's <c>int16</c>.</summary>
    Int16 = 4,

    /// <summary>Go's <c>int32</c> (and <c>rune</c>).</summary>
    Int32 = 5,

    /// <summary>Go's <c>int64</c>.</summary>
    Int64 = 6,

    /// <summary>Go's <c>uint</c>.</summary>
    Uint = 7,

    /// <summary>Go's <c>uint8</c> (and <c>byte</c>).</summary>
    Uint8 = 8,

    /// <summary>Go's <c>uint16</c>.</summary>
    Uint16 = 9,

    /// <summary>Go's <c>uint32</c>.</summary>
    Uint32 = 10,

    /// <summary>Go's <c>uint64</c>.</summary>
    Uint64 = 11,

    /// <summary>Go's <c>uintptr</c>.</summary>
    Uintptr = 12,

    /// <summary>Go's <c>float32</c>.</summary>
    Float32 = 13,

    /// <summary>Go's <c>float64</c>.</summary>
    Float64 = 14,

    /// <summary>Go's <c>complex64</c>.</summary>
    Complex64 = 15,

    /// <summary>Go's <c>complex128</c>.</summary>
    Complex128 = 16,

    /// <summary>An array, <c>[N]T</c>.</summary>
    Array = 17,

    /// <summary>A channel.</summary>
    Chan = 18,

    /// <summary>A function value.</summary>
    Func = 19,

    /// <summary>An interface value.</summary>
    Interface = 20,

    /// <summary>A map.</summary>
    Map = 21,

    /// <summary>A pointer, <c>*T</c>.</summary>
    Pointer = 22,

    /// <summary>A slice, <c>[]T</c>.</summary>
    Slice = 23,

    /// <summary>A string.</summary>
    String = 24,

    /// <summary>A struct.</summary>
    Struct = 25,

    /// <summary>Go's <c>unsafe.Pointer</c>.</summary>
    UnsafePointer = 26,
}
