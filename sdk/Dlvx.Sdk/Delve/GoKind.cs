namespace Dlvx.Sdk.Delve;

/// <summary>Go's <c>reflect.Kind</c>, as Delve reports it in <see cref="Variable.Kind"/>.</summary>
public enum GoKind
{
#pragma warning disable CS1591 // The names are Go's own.
    Invalid = 0,
    Bool = 1,
    Int = 2,
    Int8 = 3,
    Int16 = 4,
    Int32 = 5,
    Int64 = 6,
    Uint = 7,
    Uint8 = 8,
    Uint16 = 9,
    Uint32 = 10,
    Uint64 = 11,
    Uintptr = 12,
    Float32 = 13,
    Float64 = 14,
    Complex64 = 15,
    Complex128 = 16,
    Array = 17,
    Chan = 18,
    Func = 19,
    Interface = 20,
    Map = 21,
    Pointer = 22,
    Slice = 23,
    String = 24,
    Struct = 25,
    UnsafePointer = 26,
#pragma warning restore CS1591
}
