namespace Dlvx.Plugins.GoroutineGraph.Leaks;

/// <summary>What a leaked goroutine waits on.</summary>
/// <param name="Kind"><c>chan</c>, <c>sema</c> or <c>cond</c>.</param>
/// <param name="Addr">The channel's hchan, the semaphore's address or the Cond's notify list, in hex.</param>
/// <param name="Type">The channel's type, or the sync type behind the semaphore or notify list, where known.</param>
/// <param name="Cases">How many channels it waits on: more than one in a select.</param>
public sealed record LeakBlockedOn(string Kind, string Addr, string Type, int Cases);
