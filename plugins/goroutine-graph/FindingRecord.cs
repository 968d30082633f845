namespace Dlvx.Plugins.GoroutineGraph;

/// <summary>A hint about goroutines that may never make progress.</summary>
public sealed record FindingRecord(string Kind, string Message, IReadOnlyList<long> Ids);
