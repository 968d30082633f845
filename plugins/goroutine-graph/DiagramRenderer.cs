using System.Text;

namespace Dlvx.Plugins.GoroutineGraph;

/// <summary>DOT and Mermaid: groups as nodes, "spawns" edges from creators, "blocked on" edges to channels and locks.</summary>
public static class DiagramRenderer
{
    public static string Dot(GraphData graph, int maxGroups)
    {
        var (groups, nodes) = Nodes(graph, maxGroups);
        var text = new StringBuilder("digraph goroutines {\n  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=10];\n");
        foreach (var (name, id) in nodes)
        {
            var group = groups.FirstOrDefault(g => g.Key == name);
            if (group is not null)
            {
                var reasons = string.Join(", ", group.WaitReasons.Select(r => $"{r.Key} ×{r.Value}"));
                text.AppendLine($"  {id} [shape=box, style=rounded, label=\"{Escape(name)}\\n{group.Count} goroutines{(reasons.Length > 0 ? "\\n" + Escape(reasons) : "")}\"];");
            }
            else if (name.StartsWith("chan ", StringComparison.Ordinal) || name.StartsWith("sema ", StringComparison.Ordinal))
            {
                var obj = graph.Objects.First(o => $"{o.Kind} {o.Addr}" == name);
                text.AppendLine($"  {id} [shape={(obj.Kind == "chan" ? "cds" : "octagon")}, label=\"{Escape(name)}{(obj.Type.Length > 0 ? "\\n" + Escape(obj.Type) : "")}\\n{obj.Waiters.Count} waiting\"];");
            }
            else
            {
                text.AppendLine($"  {id} [shape=plaintext, label=\"{Escape(name)}\"];");
            }
        }

        foreach (var edge in Edges(graph, nodes))
        {
            var count = EdgeCount(graph, edge);
            text.AppendLine($"  {nodes[edge.From]} -> {nodes[edge.To]} [label=\"{edge.Kind} ({count})\"{(edge.Kind == "blocked on" ? ", color=red" : "")}];");
        }

        return text.Append("}\n").ToString();
    }

    public static string Mermaid(GraphData graph, int maxGroups)
    {
        var (groups, nodes) = Nodes(graph, maxGroups);
        var text = new StringBuilder("flowchart LR\n");
        foreach (var (name, id) in nodes)
        {
            var group = groups.FirstOrDefault(g => g.Key == name);
            if (group is not null)
            {
                text.AppendLine($"  {id}[\"{MermaidText(name)}<br/>{group.Count} goroutines\"]");
            }
            else if (name.StartsWith("chan ", StringComparison.Ordinal) || name.StartsWith("sema ", StringComparison.Ordinal))
            {
                var obj = graph.Objects.First(o => $"{o.Kind} {o.Addr}" == name);
                text.AppendLine($"  {id}{{{{\"{MermaidText(name)}{(obj.Type.Length > 0 ? "<br/>" + MermaidText(obj.Type) : "")}\"}}}}");
            }
            else
            {
                text.AppendLine($"  {id}([\"{MermaidText(name)}\"])");
            }
        }

        foreach (var edge in Edges(graph, nodes))
        {
            text.AppendLine($"  {nodes[edge.From]} -->|\"{edge.Kind} ({EdgeCount(graph, edge)})\"| {nodes[edge.To]}");
        }

        return text.ToString();
    }

    private static (IReadOnlyList<GroupRecord> Groups, Dictionary<string, string> Nodes) Nodes(GraphData graph, int maxGroups)
    {
        var groups = graph.Groups.Take(maxGroups).ToList();
        var nodes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            nodes.TryAdd(group.Key, $"n{nodes.Count}");
        }

        foreach (var edge in graph.Edges.Where(e => nodes.ContainsKey(e.From) || nodes.ContainsKey(e.To)))
        {
            if (edge.Kind == "spawns" && nodes.ContainsKey(edge.To))
            {
                nodes.TryAdd(edge.From, $"n{nodes.Count}");
            }
            else if (edge.Kind == "blocked on" && nodes.ContainsKey(edge.From))
            {
                nodes.TryAdd(edge.To, $"n{nodes.Count}");
            }
        }

        return (groups, nodes);
    }

    private static IEnumerable<EdgeRecord> Edges(GraphData graph, Dictionary<string, string> nodes) =>
        graph.Edges.Where(e => nodes.ContainsKey(e.From) && nodes.ContainsKey(e.To) && e.From != e.To).OrderBy(e => e.Kind, StringComparer.Ordinal).ThenBy(e => e.From, StringComparer.Ordinal);

    private static int EdgeCount(GraphData graph, EdgeRecord edge)
    {
        if (edge.Kind == "blocked on")
        {
            return graph.Objects.FirstOrDefault(o => $"{o.Kind} {o.Addr}" == edge.To)?.Waiters.Count ?? 0;
        }

        return graph.Groups.FirstOrDefault(g => g.Key == edge.To)?.Count ?? 0;
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    private static string MermaidText(string text) => text.Replace("\"", "#quot;", StringComparison.Ordinal).Replace("<", "#lt;", StringComparison.Ordinal).Replace(">", "#gt;", StringComparison.Ordinal);
}
