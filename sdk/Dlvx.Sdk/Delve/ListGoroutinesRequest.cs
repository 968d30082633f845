using System.Text.Json.Serialization;

namespace Dlvx.Sdk.Delve;

/// <summary>Arguments of <see cref="IDelveClient.ListGoroutinesAsync"/> (Delve's <c>ListGoroutinesIn</c>).</summary>
public sealed class ListGoroutinesRequest
{
    /// <summary>Where to start: 0, or the <see cref="GoroutinePage.Nextg"/> of the previous page.</summary>
    [JsonPropertyName("Start")]
    public int Start { get; set; }

    /// <summary>Most goroutines to return; 0 returns all.</summary>
    [JsonPropertyName("Count")]
    public int Count { get; set; }

    /// <summary>Filters, all of which must match.</summary>
    [JsonPropertyName("Filters")]
    public IReadOnlyList<GoroutineFilter>? Filters { get; set; }

    /// <summary>Groups the result by this field.</summary>
    [JsonPropertyName("GroupBy")]
    public GoroutineField GroupBy { get; set; }

    /// <summary>The label key when grouping by label.</summary>
    [JsonPropertyName("GroupByKey")]
    public string GroupByKey { get; set; } = "";

    /// <summary>Most members returned per group.</summary>
    [JsonPropertyName("MaxGroupMembers")]
    public int MaxGroupMembers { get; set; }

    /// <summary>Most groups returned.</summary>
    [JsonPropertyName("MaxGroups")]
    public int MaxGroups { get; set; }
}
