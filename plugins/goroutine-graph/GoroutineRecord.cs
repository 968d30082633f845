namespace Dlvx.Plugins.GoroutineGraph;

/// <summary>One goroutine in the JSON output.</summary>
public sealed record GoroutineRecord(
    long Id,
    string Status,
    string WaitReason,
    long WaitSince,
    CodeLocation GoStatement,
    CodeLocation Start,
    CodeLocation UserCurrent,
    IReadOnlyDictionary<string, string>? Labels,
    IReadOnlyList<BlockedOn> BlockedOn)
{
    /// <summary>The current location, runtime frames included (not in the JSON contract, used for folding).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public CodeLocation Current { get; init; } = new("?", "", 0);
}
