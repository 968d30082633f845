namespace Dlvx.Plugins.GoroutineGraph;

/// <summary>Goroutines of one creation site in a diff (Ids holds at most 20).</summary>
public sealed record SiteCount(string Site, int Count, IReadOnlyList<long> Ids);
