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
    /// <summary>How many goroutines waiting on a semaphore had their stack read to name its lock (the wait reason names it from Go 1.20).</summary>
    public int BlockingExamined { get; init; }

    /// <summary>Goroutines waiting on a semaphore whose wait reason does not name the lock.</summary>
    public int BlockingEligible { get; init; }

    /// <summary>Representative stacks per group key, for the text view.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyDictionary<string, IReadOnlyList<CodeLocation>> Stacks { get; init; } = new Dictionary<string, IReadOnlyList<CodeLocation>>();
}
