using System.Text.Json.Serialization;

namespace Dlvx.Sdk.Delve;

/// <summary>A group in a grouped goroutine listing (Delve's <c>api.GoroutineGroup</c>).</summary>
public sealed class GoroutineGroup
{
    /// <summary>Group name (the grouping key's value).</summary>
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    /// <summary>Where this group's members start in the returned list.</summary>
    [JsonPropertyName("offset")]
    public int Offset { get; set; }

    /// <summary>How many members are in the returned list.</summary>
    [JsonPropertyName("count")]
    public int Count { get; set; }

    /// <summary>How many goroutines belong to the group in total.</summary>
    [JsonPropertyName("total")]
    public int Total { get; set; }
}
