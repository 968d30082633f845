namespace Dlvx.Plugins.GoroutineGraph;

/// <summary>A channel or semaphore that goroutines wait on.</summary>
public sealed record ObjectRecord(string Kind, string Addr, string Type, IReadOnlyList<WaiterRecord> Waiters);
