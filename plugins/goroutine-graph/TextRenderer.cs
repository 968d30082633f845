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

            var objects = WaitedOn(group, byId);
            if (objects.Count > 5 && objects.TrueForAll(o => o.Count == 1) && objects.Select(o => (o.Sample.Kind, o.Sample.Type, o.Sample.Op)).Distinct().Count() == 1)
            {
                // One object per goroutine (a channel per request): say so instead of listing them.
                var sample = objects[0].Sample;
                text.AppendLine($"        blocked on {objects.Count} different {sample.Kind}s{(sample.Type.Length > 0 ? $" ({sample.Type})" : "")}, one {sample.Op} each");
                objects.Clear();
            }

            foreach (var (sample, count) in objects.Take(5))
            {
                text.AppendLine($"        blocked on {sample.Kind} {sample.Addr}{(sample.Type.Length > 0 ? $" ({sample.Type})" : "")}: {count} × {sample.Op}");
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
            text.AppendLine().AppendLine($"Lock types were read from the stacks of {graph.BlockingExamined} of {graph.BlockingEligible} goroutines waiting on a semaphore (raise -detail to read more).");
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

    // What a group's members wait on, each object once with how many wait on it, in first-seen order.
    private static List<(BlockedOn Sample, int Count)> WaitedOn(GroupRecord group, Dictionary<long, GoroutineRecord> byId)
    {
        var index = new Dictionary<(string Kind, string Addr), int>();
        var objects = new List<(BlockedOn Sample, int Count)>();
        foreach (var id in group.Ids)
        {
            foreach (var blocked in byId[id].BlockedOn)
            {
                if (index.TryGetValue((blocked.Kind, blocked.Addr), out var at))
                {
                    objects[at] = (objects[at].Sample, objects[at].Count + 1);
                }
                else
                {
                    index[(blocked.Kind, blocked.Addr)] = objects.Count;
                    objects.Add((blocked, 1));
                }
            }
        }

        return objects;
    }
}
