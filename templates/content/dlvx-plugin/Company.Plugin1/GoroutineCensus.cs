namespace Company.Plugin1;

/// <summary>The structured result of the command, for <c>--json</c> and JSON-RPC clients.</summary>
/// <param name="Total">All goroutines in the target.</param>
/// <param name="ByStartFunction">The most common start functions, most first.</param>
public sealed record GoroutineCensus(int Total, IReadOnlyList<StartFunctionCount> ByStartFunction);
