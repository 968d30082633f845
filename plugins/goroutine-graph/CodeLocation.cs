using Dlvx.Sdk.Delve;

namespace Dlvx.Plugins.GoroutineGraph;

/// <summary>A code location in the JSON output.</summary>
public sealed record CodeLocation(string Function, string File, int Line)
{
    public static CodeLocation From(Location location) => new(location.Function?.Name ?? "?", location.File, location.Line);

    public override string ToString() => $"{Function} {File}:{Line}";
}
