using System.Globalization;
using System.Text.RegularExpressions;

namespace Dlvx.PluginRuntime.GoRuntime;

/// <summary>How Delve spells Go types, and how to spell them back to it.</summary>
internal static partial class TypeNames
{
    /// <summary>Delve prints some struct types as <c>struct main.item</c>; casts need the bare name (struct literals keep theirs).</summary>
    public static string Normalize(string typeName) =>
        typeName.Contains("struct ", StringComparison.Ordinal) ? StructPrefix().Replace(typeName, "") : typeName;

    /// <summary>
    /// A type as a quoted string, which Delve looks up verbatim (bininfo.go's findTypeExpr, which also
    /// makes up <c>[N]T</c> array types on demand): its expression parser cannot spell package paths with a
    /// slash (<c>internal/poll.FD</c>) or struct literals as types.
    /// </summary>
    public static string Quoted(string typeName) =>
        "\"" + typeName.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>The expression that reads a value of <paramref name="typeName"/> at <paramref name="address"/>.</summary>
    public static string At(string typeName, ulong address) =>
        string.Create(CultureInfo.InvariantCulture, $"*(*{Quoted(Normalize(typeName))})({address})");

    /// <summary>The name of an array of <paramref name="count"/> elements of <paramref name="elementType"/>.</summary>
    public static string Array(ulong count, string elementType) => string.Create(CultureInfo.InvariantCulture, $"[{count}]{Normalize(elementType)}");

    /// <summary>The Go release in Delve's TargetGoVersion (<c>Go cmd/compile go1.26.10</c> gives <c>go1.26.10</c>).</summary>
    public static string GoRelease(string targetGoVersion)
    {
        var match = GoReleasePattern().Match(targetGoVersion);
        return match.Success ? match.Value : targetGoVersion.Trim();
    }

    [GeneratedRegex(@"struct (?!\{)")]
    private static partial Regex StructPrefix();

    [GeneratedRegex(@"go\d+\.\d+(\.\d+)?(rc\d+|beta\d+)?")]
    private static partial Regex GoReleasePattern();
}
