namespace Dlvx.Plugins.GoroutineGraph;

/// <summary>A goroutine waiting on an object, and how.</summary>
public sealed record WaiterRecord(long Id, string Op);
