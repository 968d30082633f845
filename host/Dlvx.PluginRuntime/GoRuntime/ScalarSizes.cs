using Dlvx.Sdk.Delve;

namespace Dlvx.PluginRuntime.GoRuntime;

/// <summary>
/// Sizes and alignments of Go's non-aggregate types on 64-bit targets (amd64, arm64), where they can
/// be told without asking Delve. Delve reports every unsigned integer's kind as <c>uint</c> and every
/// signed one as <c>int</c>, whatever its width, so widths come from the type's name; a named integer
/// type (<c>runtime.spanClass</c>) has to be measured.
/// </summary>
internal static class ScalarSizes
{
    private static readonly Dictionary<string, ulong> Basic = new(StringComparer.Ordinal)
    {
        ["bool"] = 1, ["int8"] = 1, ["uint8"] = 1, ["byte"] = 1,
        ["int16"] = 2, ["uint16"] = 2,
        ["int32"] = 4, ["uint32"] = 4, ["rune"] = 4, ["float32"] = 4,
        ["int"] = 8, ["uint"] = 8, ["int64"] = 8, ["uint64"] = 8, ["uintptr"] = 8, ["float64"] = 8, ["complex64"] = 8,
        ["complex128"] = 16, ["unsafe.Pointer"] = 8, ["string"] = 16,
    };

    /// <summary>The size of a value of the type, or null when only measuring it can tell (named scalars, structs, arrays).</summary>
    public static ulong? Of(string typeName, GoKind kind) =>
        Basic.TryGetValue(typeName, out var size) ? size
        : kind switch
        {
            GoKind.Pointer or GoKind.UnsafePointer or GoKind.Chan or GoKind.Func or GoKind.Map => 8,
            GoKind.String or GoKind.Interface => 16,
            GoKind.Slice => 24,
            _ => null,
        };

    /// <summary>The alignment of a scalar of the given size (its size, at most 8).</summary>
    public static ulong AlignmentOf(ulong size) => size switch
    {
        0 => 1,
        >= 8 => 8,
        _ => size,
    };
}
