namespace Dlvx.Plugins.GoroutineGraph;

/// <summary>A graph edge: "spawns" from a creating function to a group, "blocked on" from a group to an object.</summary>
public sealed record EdgeRecord(string From, string To, string Kind);
