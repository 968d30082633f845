using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Dlvx.Host.Report.Svg;

/// <summary>
/// goroutine-graph's diagram drawn as SVG without Graphviz, in the layout <c>dot -Grankdir=LR</c> gives
/// its graphs: the functions that spawned goroutines on the left, the groups in the middle, the
/// channels and locks they wait on on the right; "spawns" edges grey, "blocked on" edges red. Each
/// side column is ordered by where its neighbours sit (the barycentre heuristic) to keep edges short.
/// </summary>
internal static class SvgGoroutineDiagram
{
    private const double ColumnWidth = 250;
    private const double Gap = 80;
    private const double VerticalGap = 12;
    private const double FontSize = 11;
    private const int MaxObjects = 16;
    private const int MaxObjectsPerGroup = 5;

    /// <summary>Draws the groups (at most <paramref name="maxGroups"/>) of goroutine-graph's data.</summary>
    /// <returns>How many groups and objects were left out.</returns>
    public static (int Groups, int Objects) Render(StringBuilder html, JsonElement graph, int maxGroups)
    {
        var allGroups = graph.Items("Groups").ToList();
        var groups = allGroups.Take(maxGroups).Select(g => new DiagramNode(g.Text("Key"), "group", GroupLines(g))).ToList();
        var shownKeys = groups.Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var edges = graph.Items("Edges")
            .Select(e => (From: e.Text("From"), To: e.Text("To"), Kind: e.Text("Kind")))
            .GroupBy(e => e)
            .Select(g => (g.Key.From, g.Key.To, g.Key.Kind, Count: g.Count()))
            .Where(e => e.Kind == "spawns" ? shownKeys.Contains(e.To) : shownKeys.Contains(e.From))
            .ToList();

        var functions = edges.Where(e => e.Kind == "spawns").Select(e => e.From).Distinct(StringComparer.Ordinal)
            .Select(f => new DiagramNode(f, "function", [f])).ToList();
        var objectTypes = graph.Items("Objects").ToDictionary(o => $"{o.Text("Kind")} {o.Text("Addr")}", o => o.Text("Type"), StringComparer.Ordinal);
        var summaries = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        edges = [.. edges.Where(e => e.Kind == "spawns").Concat(SummariseWideGroups(edges.Where(e => e.Kind != "spawns").ToList(), objectTypes, summaries))];
        var blockedOn = edges.Where(e => e.Kind != "spawns").GroupBy(e => e.To, StringComparer.Ordinal).OrderByDescending(g => g.Sum(e => e.Count)).ToList();
        var objects = blockedOn.Take(MaxObjects).Select(g => new DiagramNode(g.Key, "object", summaries.TryGetValue(g.Key, out var lines) ? lines : ObjectLines(g.Key, objectTypes))).ToList();
        var objectKeys = objects.Select(o => o.Key).ToHashSet(StringComparer.Ordinal);
        edges = [.. edges.Where(e => e.Kind == "spawns" || objectKeys.Contains(e.To))];

        Stack(groups);
        PlaceBy(functions, edges.Where(e => e.Kind == "spawns").Select(e => (e.From, e.To)), groups);
        PlaceBy(objects, edges.Where(e => e.Kind != "spawns").Select(e => (e.To, e.From)), groups);
        var height = new[] { groups, functions, objects }.Max(column => column.Count == 0 ? 0 : column.Max(n => n.Y + n.Height)) + 4;
        var width = (3 * ColumnWidth) + (2 * Gap);
        var x = new Dictionary<string, double> { ["function"] = 0, ["group"] = ColumnWidth + Gap, ["object"] = (2 * ColumnWidth) + (2 * Gap) };
        var byKey = functions.Concat(groups).Concat(objects).GroupBy(n => (n.Kind, n.Key)).ToDictionary(g => g.Key, g => g.First());

        html.Append(CultureInfo.InvariantCulture, $"<svg class=\"diagram\" role=\"img\" aria-label=\"goroutine groups, who spawned them and what they wait on\" viewBox=\"0 0 {Html.Number(width)} {Html.Number(height)}\" width=\"{Html.Number(width)}\" height=\"{Html.Number(height)}\" preserveAspectRatio=\"xMinYMin meet\">");
        html.Append("<title>goroutine groups, who spawned them and what they wait on</title>");
        html.Append("<defs><marker id=\"gg-arrow\" viewBox=\"0 0 8 8\" refX=\"8\" refY=\"4\" markerWidth=\"9\" markerHeight=\"9\" markerUnits=\"userSpaceOnUse\" orient=\"auto-start-reverse\"><path d=\"M0,0 L8,4 L0,8 z\" fill=\"#777\"/></marker>");
        html.Append("<marker id=\"gg-arrow-blocked\" viewBox=\"0 0 8 8\" refX=\"8\" refY=\"4\" markerWidth=\"9\" markerHeight=\"9\" markerUnits=\"userSpaceOnUse\" orient=\"auto-start-reverse\"><path d=\"M0,0 L8,4 L0,8 z\" fill=\"#e15759\"/></marker></defs>");
        foreach (var (from, to, kind, count) in edges)
        {
            var source = kind == "spawns" ? byKey[("function", from)] : byKey[("group", from)];
            var target = kind == "spawns" ? byKey[("group", to)] : byKey[("object", to)];
            var x1 = x[source.Kind] + ColumnWidth;
            var x2 = x[target.Kind];
            var bend = Gap / 2;
            var blocked = kind != "spawns";
            html.Append(CultureInfo.InvariantCulture, $"<path class=\"edge {(blocked ? "blocked" : "spawns")}\" d=\"M{Html.Number(x1)},{Html.Number(source.Middle)} C{Html.Number(x1 + bend)},{Html.Number(source.Middle)} {Html.Number(x2 - bend)},{Html.Number(target.Middle)} {Html.Number(x2 - 1)},{Html.Number(target.Middle)}\" fill=\"none\" stroke=\"{(blocked ? "#e15759" : "#999")}\" stroke-width=\"{Html.Number(Math.Min(1 + Math.Log2(count), 4))}\" marker-end=\"url(#gg-arrow{(blocked ? "-blocked" : "")})\"><title>{Html.Encode($"{from} {kind} {to} ({count})")}</title></path>");
        }

        foreach (var node in byKey.Values)
        {
            var left = x[node.Kind];
            var (fill, stroke, dash) = node.Kind switch
            {
                "group" => ("#eaf1f8", "#4e79a7", ""),
                "object" => ("#fdecec", "#e15759", node.Key.StartsWith("sema", StringComparison.Ordinal) ? " stroke-dasharray=\"4 2\"" : ""),
                _ => ("#f4f4f4", "#bbb", ""),
            };
            html.Append(CultureInfo.InvariantCulture, $"<g class=\"node {node.Kind}\"><title>{Html.Encode(string.Join("\n", node.Lines))}</title>");
            html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Html.Number(left)}\" y=\"{Html.Number(node.Y)}\" width=\"{ColumnWidth}\" height=\"{Html.Number(node.Height)}\" rx=\"{(node.Kind == "object" ? 12 : 5)}\" fill=\"{fill}\" stroke=\"{stroke}\"{dash}/>");
            for (var i = 0; i < node.Lines.Count; i++)
            {
                var weight = i == 0 && node.Kind == "group" ? " font-weight=\"600\"" : "";
                html.Append(CultureInfo.InvariantCulture, $"<text x=\"{Html.Number(left + 8)}\" y=\"{Html.Number(node.Y + 17 + (i * 14))}\" font-size=\"{FontSize}\"{weight}>{Html.Encode(SvgText.Fit(node.Lines[i], ColumnWidth - 16, FontSize))}</text>");
            }

            html.Append("</g>");
        }

        html.Append("</svg>");
        return (allGroups.Count - groups.Count, blockedOn.Count - objects.Count);
    }

    // A group blocked on many distinct objects (a channel per request) keeps its busiest few; the rest become one box.
    private static IEnumerable<(string From, string To, string Kind, int Count)> SummariseWideGroups(
        List<(string From, string To, string Kind, int Count)> blocked, Dictionary<string, string> objectTypes, Dictionary<string, List<string>> summaries)
    {
        foreach (var group in blocked.GroupBy(e => e.From, StringComparer.Ordinal))
        {
            var byObject = group.OrderByDescending(e => e.Count).ToList();
            if (byObject.Count <= MaxObjectsPerGroup)
            {
                foreach (var edge in byObject)
                {
                    yield return edge;
                }

                continue;
            }

            foreach (var edge in byObject.Take(MaxObjectsPerGroup - 1))
            {
                yield return edge;
            }

            var rest = byObject.Skip(MaxObjectsPerGroup - 1).ToList();
            var types = rest.Select(e => ObjectLines(e.To, objectTypes)[0]).Distinct(StringComparer.Ordinal).ToList();
            var key = $"{rest.Count} more objects of {group.Key}";
            summaries[key] = [$"{rest.Count} more", types.Count == 1 ? types[0] : $"{types.Count} kinds of object"];
            yield return (group.Key, key, rest[0].Kind, rest.Sum(e => e.Count));
        }
    }

    private static List<string> GroupLines(JsonElement group)
    {
        var count = group.Int64("Count");
        var lines = new List<string> { group.Text("Key"), $"{count} {(count == 1 ? "goroutine" : "goroutines")}" };
        var reasons = group.Field("WaitReasons").EnumerateObject().OrderByDescending(r => r.Value.GetInt32()).Select(r => $"{r.Name} ×{r.Value.GetInt32()}").ToList();
        if (reasons.Count > 0)
        {
            lines.Add(string.Join(", ", reasons));
        }

        return lines;
    }

    private static List<string> ObjectLines(string key, Dictionary<string, string> types)
    {
        var kind = key.Split(' ')[0];
        var type = types.GetValueOrDefault(key, "");
        return [type.Length > 0 ? type : kind == "sema" ? "semaphore" : kind, key.Split(' ').Last()];
    }

    private static void Stack(List<DiagramNode> column)
    {
        var y = 2.0;
        foreach (var node in column)
        {
            node.Y = y;
            y += node.Height + VerticalGap;
        }
    }

    // Each side node goes to the mean height of the groups it connects to, then the column is pushed apart where boxes would overlap.
    private static void PlaceBy(List<DiagramNode> column, IEnumerable<(string Node, string Group)> links, List<DiagramNode> groups)
    {
        var groupMiddle = groups.ToDictionary(g => g.Key, g => g.Middle, StringComparer.Ordinal);
        var wanted = links.Where(l => groupMiddle.ContainsKey(l.Group)).GroupBy(l => l.Node, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Average(l => groupMiddle[l.Group]), StringComparer.Ordinal);
        column.Sort((a, b) => wanted.GetValueOrDefault(a.Key).CompareTo(wanted.GetValueOrDefault(b.Key)));
        var next = 2.0;
        foreach (var node in column)
        {
            node.Y = Math.Max(next, wanted.GetValueOrDefault(node.Key) - (node.Height / 2));
            next = node.Y + node.Height + VerticalGap;
        }
    }
}
