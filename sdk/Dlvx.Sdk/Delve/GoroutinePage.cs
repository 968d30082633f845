using System.Text.Json.Serialization;

namespace Dlvx.Sdk.Delve;

/// <summary>A page of goroutines (Delve's <c>ListGoroutinesOut</c>).</summary>
public sealed class GoroutinePage
{
    /// <summary>The goroutines.</summary>
    [JsonPropertyName("Goroutines")]
    public IReadOnlyList<Goroutine> Goroutines { get; set; } = [];

    /// <summary>Where the next page starts, or a negative number when this is the last page.</summary>
    [JsonPropertyName("Nextg")]
    public int Nextg { get; set; }

    /// <summary>Groups, when grouping was requested.</summary>
    [JsonPropertyName("Groups")]
    public IReadOnlyList<GoroutineGroup>? Groups { get; set; }

    /// <summary>Whether there were more groups than requested.</summary>
    [JsonPropertyName("TooManyGroups")]
    public bool TooManyGroups { get; set; }
}
