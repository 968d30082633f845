namespace Dlvx.Plugins.GoroutineGraph;

/// <summary>How the graph is printed.</summary>
public enum OutputFormat
{
    /// <summary>A tree of groups with a representative stack.</summary>
    Text,

    /// <summary>Graphviz DOT.</summary>
    Dot,

    /// <summary>A Mermaid flowchart.</summary>
    Mermaid,

    /// <summary>The JSON data.</summary>
    Json,
}
