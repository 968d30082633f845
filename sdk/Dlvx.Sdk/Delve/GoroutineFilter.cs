using System.Text.Json.Serialization;

namespace Dlvx.Sdk.Delve;

/// <summary>A filter for <see cref="IDelveClient.ListGoroutinesAsync"/> (Delve's <c>api.ListGoroutinesFilter</c>).</summary>
public sealed class GoroutineFilter
{
    /// <summary>The field compared.</summary>
    [JsonPropertyName("Kind")]
    public GoroutineField Kind { get; set; }

    /// <summary>Whether the filter is negated.</summary>
    [JsonPropertyName("Negated")]
    public bool Negated { get; set; }

    /// <summary>The value: a substring of a location, <c>key=value</c> for a label.</summary>
    [JsonPropertyName("Arg")]
    public string Arg { get; set; } = "";
}
