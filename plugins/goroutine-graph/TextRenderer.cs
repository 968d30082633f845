using System.Text;

namespace Dlvx.Plugins.GoroutineGraph;

/// <summary>The text view: groups largest first, each with its states, wait reasons and folded stacks.</summary>
public static class TextRenderer
{
    public static string Render(GraphData graph, GroupBy groupBy, IReadOnlyDictionary<string, IReadOnlyList<(int Count, IReadOnlyList<CodeLocation> Stack)>> buckets, int maxGroups)
    {
        var text = new StringBuilder();
        text.Append($"{graph.Total} goroutines in {graph.Groups.Count} groups (by {groupBy.ToString().ToLowerInvariant()})");
        text.AppendLine(graph.Findings.Count > 0 ? $", {graph.Findings.Count} hints" : "");
        var byId = graph.Goroutines.ToDictionary(g => g.Id);
        foreach (var group in graph.Groups.Take(maxGroups))
        {
            text.AppendLine();
            var states = string.Join(", ", group.States.OrderByDescending(s => s.Value).Select(s => $"{s.Key} {s.Value}"));
            var reasons = group.WaitReasons.Count == 0 ? "" : " - " + string.Join(", ", group.WaitReasons.OrderByDescending(r => r.Value).Select(r => $"{r.Key} ×{r.Value}"));
            text.AppendLine($"{group.Count,6}  {group.Key}  [{states}{reasons}]");
            var first = byId[group.Ids[0]];
            if (groupBy != GroupBy.Go && first.GoStatement.Line != 0)
            {
                var sites = group.Ids.Select(id => byId[id].GoStatement).DistinctBy(l => (l.File, l.Line)).Take(3).ToList();
                text.AppendLine($"        created at {string.Join("; ", sites.Select(l => $"{l.Function} {GraphBuilder.ShortFile(l.File)}:{l.Line}"))}");
            }

            var objects = group.Ids.SelectMany(id => byId[id].BlockedOn).GroupBy(b => (b.Kind, b.Addr)).ToList();
            if (objects.Count > 5 && objects.All(o => o.Count() == 1) && objects.Select(o => (o.First().Kind, o.First().Type, o.First().Op)).Distinct().Count() == 1)
            {
                // One object per goroutine (a channel per request): say so instead of listing them.
                var sample = objects[0].First();
                text.AppendLine($"        blocked on {objects.Count} different {sample.Kind}s{(sample.Type.Length > 0 ? $" ({sample.Type})" : "")}, one {sample.Op} each");
                objects.Clear();
            }

            foreach (var blocked in objects.Take(5))
            {
                var sample = blocked.First();
                text.AppendLine($"        blocked on {sample.Kind} {sample.Addr}{(sample.Type.Length > 0 ? $" ({sample.Type})" : "")}: {blocked.Count()} × {sample.Op}");
            }

            if (objects.Count > 5)
            {
                text.AppendLine($"        ... and {objects.Count - 5} more objects");
            }

            if (buckets.TryGetValue(group.Key, out var stacks))
            {
                foreach (var (count, stack) in stacks)
                {
                    text.AppendLine($"        stack ({count} identical):");
                    foreach (var frame in stack.Take(8))
                    {
                        text.AppendLine($"          {frame.Function}  {GraphBuilder.ShortFile(frame.File)}:{frame.Line}");
                    }
                }
            }
        }

        if (graph.Groups.Count > maxGroups)
        {
            text.AppendLine().AppendLine($"... {graph.Groups.Count - maxGroups} smaller groups not shown (-top)");
        }

        if (graph.BlockingExamined < graph.BlockingEligible)
        {
            text.AppendLine().AppendLine($"Stacks were read for {graph.BlockingExamined} of {graph.BlockingEligible} blocked goroutines (raise -detail to read more).");
        }

        if (graph.Findings.Count > 0)
        {
            text.AppendLine().AppendLine("Hints (from what the debugger can see; not certainties):");
            foreach (var finding in graph.Findings)
            {
                var ids = string.Join(" ", finding.Ids.Take(10)) + (finding.Ids.Count > 10 ? " ..." : "");
                text.AppendLine($"  [{finding.Kind}] {finding.Message} Goroutines: {ids}");
            }
        }

        return text.ToString().TrimEnd();
    }
}
