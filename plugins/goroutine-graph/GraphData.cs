namespace Dlvx.Plugins.GoroutineGraph;

/// <summary>The --json data of goroutine-graph.</summary>
public sealed record GraphData(
    int Total,
    IReadOnlyList<GoroutineRecord> Goroutines,
    IReadOnlyList<GroupRecord> Groups,
    IReadOnlyList<ObjectRecord> Objects,
    IReadOnlyList<EdgeRecord> Edges,
    IReadOnlyList<FindingRecord> Findings)
{
    /// <summary>How many blocked goroutines were examined for their blocking object, and how many were eligible.</summary>
    public int BlockingExamined { get; init; }

    /// <summary>Blocked goroutines that could have been examined.</summary>
    public int BlockingEligible { get; init; }

    /// <summary>Representative stacks per group key, for the text view.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyDictionary<string, IReadOnlyList<CodeLocation>> Stacks { get; init; } = new Dictionary<string, IReadOnlyList<CodeLocation>>();
}
