using Dlvx.Sdk.Delve;
using Dlvx.Sdk.Runtime;

namespace Dlvx.Plugins.RuntimeViews;

/// <summary>
/// Numbers from runtime fields whose type changes between Go releases: a plain <c>uint32</c> in one
/// release is an atomic wrapper in the next (<c>atomic.Int32{noCopy; value}</c>, <c>atomic.Bool{u atomic.Uint8}</c>),
/// and a span's state is boxed (<c>mSpanStateBox{s}</c>). The wrapper is unwrapped by its shape,
/// a struct with one field that has a size, never by the release's number.
/// </summary>
internal static class RuntimeNumbers
{
    // atomic.Bool wraps atomic.Uint8 wraps uint8: two levels; a little more for safety.
    private const int MaxWrapperDepth = 4;

    /// <summary>The value as a signed number, sign-extended from its own width.</summary>
    public static long Signed(GoValue value) => Scalar(value).ToInt64();

    /// <summary>The value as an unsigned number.</summary>
    public static ulong Unsigned(GoValue value) => Scalar(value).ToUInt64();

    /// <summary>The value as an int (counts, ids).</summary>
    public static int Int32(GoValue value) => checked((int)Signed(value));

    /// <summary>A boolean or a flag word: true when not zero.</summary>
    public static bool Flag(GoValue value) => Unsigned(value) != 0;

    /// <summary>Whether a struct field exists (a runtime field added or removed between releases).</summary>
    public static bool Has(GoValue value, string field) => value.Type.Kind == GoKind.Struct && value.HasField(field);

    private static GoValue Scalar(GoValue value)
    {
        var current = value;
        for (var depth = 0; current.Type.Kind == GoKind.Struct; depth++)
        {
            var sized = current.Type.Fields.Where(f => f.Type.Size > 0).ToList();
            if (depth == MaxWrapperDepth || sized.Count != 1)
            {
                throw new GoValueException($"{value.Type.Name} is not a number, nor a wrapper of one");
            }

            current = current[sized[0].Name];
        }

        return current;
    }
}
