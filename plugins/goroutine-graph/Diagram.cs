namespace Dlvx.Plugins.GoroutineGraph;

/// <summary>What DOT and Mermaid draw.</summary>
public sealed record Diagram(IReadOnlyList<DiagramNode> Nodes, IReadOnlyList<DiagramEdge> Edges);
