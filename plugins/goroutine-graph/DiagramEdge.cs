namespace Dlvx.Plugins.GoroutineGraph;

/// <summary>An edge of a drawn graph, labelled with how many goroutines it stands for.</summary>
public sealed record DiagramEdge(string From, string To, string Kind, int Count);
