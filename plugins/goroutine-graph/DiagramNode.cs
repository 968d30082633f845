namespace Dlvx.Plugins.GoroutineGraph;

/// <summary>A node of a drawn graph: a group, a creating function, or a channel or lock.</summary>
public sealed record DiagramNode(string Id, string Kind, string Label);
