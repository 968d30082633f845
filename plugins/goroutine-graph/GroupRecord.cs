namespace Dlvx.Plugins.GoroutineGraph;

/// <summary>A group of goroutines sharing the grouping key.</summary>
public sealed record GroupRecord(string Key, int Count, IReadOnlyList<long> Ids, IReadOnlyDictionary<string, int> WaitReasons)
{
    /// <summary>Status counts, for the text view.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyDictionary<string, int> States { get; init; } = new Dictionary<string, int>();
}
