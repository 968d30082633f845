using System.Text;

namespace Dlvx.Plugins.GoroutineGraph;

/// <summary>DOT and Mermaid: groups as nodes, "spawns" edges from creators, "blocked on" edges to channels and locks.</summary>
public static class DiagramRenderer
{
    // A group blocked on more distinct objects than this (a channel per request) gets one summary node.
    private const int MaxObjectsPerGroup = 5;

    public static string Dot(GraphData graph, int maxGroups)
    {
        var diagram = Layout(graph, maxGroups);
        var text = new StringBuilder("digraph goroutines {\n  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=10];\n");
        foreach (var node in diagram.Nodes)
        {
            var shape = node.Kind switch { "group" => "box, style=rounded", "chan" => "cds", "sema" => "octagon", _ => "plaintext" };
            text.AppendLine($"  {node.Id} [shape={shape}, label=\"{Escape(node.Label).Replace("\n", "\\n", StringComparison.Ordinal)}\"];");
        }

        foreach (var edge in diagram.Edges)
        {
            text.AppendLine($"  {edge.From} -> {edge.To} [label=\"{edge.Kind} ({edge.Count})\"{(edge.Kind == "blocked on" ? ", color=red" : "")}];");
        }

        return text.Append("}\n").ToString();
    }

    public static string Mermaid(GraphData graph, int maxGroups)
    {
        var diagram = Layout(graph, maxGroups);
        var text = new StringBuilder("flowchart LR\n");
        foreach (var node in diagram.Nodes)
        {
            var label = MermaidText(node.Label).Replace("\n", "<br/>", StringComparison.Ordinal);
            text.AppendLine(node.Kind switch
            {
                "group" => $"  {node.Id}[\"{label}\"]",
                "chan" or "sema" => $"  {node.Id}{{{{\"{label}\"}}}}",
                _ => $"  {node.Id}([\"{label}\"])",
            });
        }

        foreach (var edge in diagram.Edges)
        {
            text.AppendLine($"  {edge.From} -->|\"{edge.Kind} ({edge.Count})\"| {edge.To}");
        }

        return text.ToString();
    }

    private static Diagram Layout(GraphData graph, int maxGroups)
    {
        var nodes = new List<DiagramNode>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        string Node(string key, string kind, string label)
        {
            if (!ids.TryGetValue(key, out var id))
            {
                id = $"n{ids.Count}";
                ids[key] = id;
                nodes.Add(new DiagramNode(id, kind, label));
            }

            return id;
        }

        var byId = graph.Goroutines.ToDictionary(g => g.Id);
        var edges = new List<DiagramEdge>();
        foreach (var group in graph.Groups.Take(maxGroups))
        {
            var reasons = string.Join(", ", group.WaitReasons.OrderByDescending(r => r.Value).Select(r => $"{r.Key} ×{r.Value}"));
            var groupId = Node("group:" + group.Key, "group", $"{group.Key}\n{group.Count} {(group.Count == 1 ? "goroutine" : "goroutines")}{(reasons.Length > 0 ? "\n" + reasons : "")}");
            var members = group.Ids.Select(id => byId[id]).ToList();
            foreach (var creator in members.Where(g => g.GoStatement.Line != 0).GroupBy(g => g.GoStatement.Function))
            {
                edges.Add(new DiagramEdge(Node("fn:" + creator.Key, "function", creator.Key), groupId, "spawns", creator.Count()));
            }

            var blocked = members.SelectMany(g => g.BlockedOn).GroupBy(b => (b.Kind, b.Addr)).ToList();
            if (blocked.Count > MaxObjectsPerGroup)
            {
                foreach (var kind in blocked.GroupBy(b => (b.Key.Kind, b.First().Type)))
                {
                    var label = $"{kind.Count()} different {kind.Key.Kind}s{(kind.Key.Type.Length > 0 ? "\n" + kind.Key.Type : "")}";
                    edges.Add(new DiagramEdge(groupId, Node($"many:{group.Key}:{kind.Key}", kind.Key.Kind, label), "blocked on", kind.Sum(o => o.Count())));
                }

                continue;
            }

            foreach (var obj in blocked)
            {
                var record = graph.Objects.First(o => o.Kind == obj.Key.Kind && o.Addr == obj.Key.Addr);
                var label = $"{record.Kind} {record.Addr}{(record.Type.Length > 0 ? "\n" + record.Type : "")}\n{record.Waiters.Count} waiting";
                edges.Add(new DiagramEdge(groupId, Node($"obj:{record.Kind}:{record.Addr}", record.Kind, label), "blocked on", obj.Count()));
            }
        }

        return new Diagram(nodes, edges);
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    private static string MermaidText(string text) => text.Replace("\"", "#quot;", StringComparison.Ordinal).Replace("<", "#lt;", StringComparison.Ordinal).Replace(">", "#gt;", StringComparison.Ordinal);
}
