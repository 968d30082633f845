namespace Dlvx.Plugins.GoroutineGraph;

/// <summary>The goroutines alive at one stop: id and creation site.</summary>
public sealed record GoroutineSnapshot(string Name, DateTimeOffset Taken, IReadOnlyDictionary<long, string> CreationSites);
