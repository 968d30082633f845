using System.Text.Json.Serialization;

namespace Dlvx.Sdk.Delve;

/// <summary>A code location (Delve's <c>api.Location</c>).</summary>
public sealed class Location
{
    /// <summary>Program counter.</summary>
    [JsonPropertyName("pc")]
    public ulong Pc { get; set; }

    /// <summary>Source file.</summary>
    [JsonPropertyName("file")]
    public string File { get; set; } = "";

    /// <summary>Source line.</summary>
    [JsonPropertyName("line")]
    public int Line { get; set; }

    /// <summary>The function containing the location, if known.</summary>
    [JsonPropertyName("function")]
    public Function? Function { get; set; }

    /// <summary>All program counters of a location that maps to several (from FindLocation).</summary>
    [JsonPropertyName("pcs")]
    public IReadOnlyList<ulong>? Pcs { get; set; }

    /// <inheritdoc/>
    public override string ToString() => $"{Function?.Name ?? "?"} {File}:{Line}";
}
