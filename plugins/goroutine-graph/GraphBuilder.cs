using System.Globalization;

namespace Dlvx.Plugins.GoroutineGraph;

/// <summary>Turns goroutines into groups, objects, edges and hints.</summary>
public static class GraphBuilder
{
    public static string KeyOf(GoroutineRecord g, GroupBy groupBy) => groupBy switch
    {
        GroupBy.Start => g.Start.Function,
        GroupBy.Go => g.GoStatement.Line == 0 ? "(no go statement)" : $"{g.GoStatement.Function} {ShortFile(g.GoStatement.File)}:{g.GoStatement.Line}",
        GroupBy.User => g.UserCurrent.Function,
        GroupBy.Current => g.Current.Function,
        _ => g.WaitReason.Length > 0 ? g.WaitReason : g.Status,
    };

    public static string ShortFile(string file)
    {
        var slash = file.LastIndexOf('/');
        return slash < 0 ? file : file[(slash + 1)..];
    }

    /// <param name="goroutines">The goroutines to show.</param>
    /// <param name="groupBy">The grouping key.</param>
    /// <param name="waitThreshold">For the long-wait hint.</param>
    /// <param name="examined">Blocked goroutines whose object was read.</param>
    /// <param name="eligible">Blocked goroutines that wait on an object.</param>
    /// <param name="runnable">Goroutines of the whole target (not only those shown) that can run.</param>
    public static GraphData Build(IReadOnlyList<GoroutineRecord> goroutines, GroupBy groupBy, TimeSpan waitThreshold, int examined, int eligible, int runnable)
    {
        var groups = goroutines
            .GroupBy(g => KeyOf(g, groupBy), StringComparer.Ordinal)
            .Select(group => new GroupRecord(
                group.Key,
                group.Count(),
                group.Select(g => g.Id).ToList(),
                Count(group.Where(g => g.WaitReason.Length > 0).Select(g => g.WaitReason))) { States = Count(group.Select(g => g.Status)) })
            .OrderByDescending(g => g.Count)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();

        var objects = goroutines
            .SelectMany(g => g.BlockedOn.Select(b => (Goroutine: g, Blocked: b)))
            .GroupBy(x => (x.Blocked.Kind, x.Blocked.Addr))
            .Select(o => new ObjectRecord(o.Key.Kind, o.Key.Addr, o.Select(x => x.Blocked.Type).FirstOrDefault(t => t.Length > 0) ?? "",
                o.Select(x => new WaiterRecord(x.Goroutine.Id, x.Blocked.Op == "select" ? $"select-{x.Blocked.Direction}" : x.Blocked.Op)).ToList()))
            .OrderByDescending(o => o.Waiters.Count)
            .ToList();

        var keyOfId = new Dictionary<long, string>();
        foreach (var g in goroutines)
        {
            keyOfId[g.Id] = KeyOf(g, groupBy);
        }

        var edges = new HashSet<EdgeRecord>();
        foreach (var g in goroutines)
        {
            if (g.GoStatement.Line != 0)
            {
                edges.Add(new EdgeRecord(g.GoStatement.Function, keyOfId[g.Id], "spawns"));
            }

            foreach (var blocked in g.BlockedOn)
            {
                edges.Add(new EdgeRecord(keyOfId[g.Id], $"{blocked.Kind} {blocked.Addr}", "blocked on"));
            }
        }

        var findings = Findings(goroutines, groups, objects, keyOfId, waitThreshold, examined, eligible, runnable);
        return new GraphData(goroutines.Count, goroutines, groups, objects, [.. edges], findings) { BlockingExamined = examined, BlockingEligible = eligible };
    }

    private static Dictionary<string, int> Count(IEnumerable<string> values)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            counts[value] = counts.GetValueOrDefault(value) + 1;
        }

        return counts;
    }

    private static List<FindingRecord> Findings(IReadOnlyList<GoroutineRecord> goroutines, IReadOnlyList<GroupRecord> groups, IReadOnlyList<ObjectRecord> objects, IReadOnlyDictionary<long, string> keyOfId, TimeSpan threshold, int examined, int eligible, int canRun)
    {
        var findings = new List<FindingRecord>();
        var sampled = examined < eligible ? $" Only {examined} of {eligible} blocked goroutines were examined (-detail), so other goroutines may still wait on the other side." : "";
        // One hint per kind of stuck channel: a leak that makes one channel per request would
        // otherwise produce one hint per request.
        var stuck = new List<(ObjectRecord Chan, List<WaiterRecord> Waiting, bool Sending)>();
        foreach (var chan in objects.Where(o => o.Kind == "chan"))
        {
            var sends = chan.Waiters.Where(w => w.Op is "send" or "select-send").ToList();
            var receives = chan.Waiters.Where(w => w.Op is "recv" or "select-recv").ToList();
            if (sends.Count == 0 || receives.Count == 0)
            {
                stuck.Add((chan, sends.Count > 0 ? sends : receives, sends.Count > 0));
            }
        }

        foreach (var cluster in stuck.GroupBy(s => (s.Chan.Type, s.Sending, Group: string.Join(",", s.Waiting.Select(w => keyOfId[w.Id]).Distinct().Order(StringComparer.Ordinal)))))
        {
            var members = cluster.ToList();
            var waiting = members.SelectMany(m => m.Waiting).ToList();
            var (doing, missing) = cluster.Key.Sending ? ("send on", "receive from") : ("receive from", "send on");
            var type = cluster.Key.Type.Length > 0 ? $" ({cluster.Key.Type})" : "";
            var channels = members.Count == 1
                ? $"channel {members[0].Chan.Addr}{type}"
                : $"{members.Count} different channels{type}, {string.Join(", ", members.Take(3).Select(m => m.Chan.Addr))}{(members.Count > 3 ? ", ..." : "")},";
            var them = members.Count == 1 ? "it" : "any of them";
            var outlook = canRun == 0
                ? "No goroutine can run, so nothing can serve them: this looks like a deadlock."
                : $"Unless one of the {canRun} running or runnable goroutines (such as the one stopped at the breakpoint) will {missing.Split(' ')[0]} later, they stay stuck.";
            findings.Add(new FindingRecord("stuck-channel",
                $"Hint: {waiting.Count} goroutine(s) of {cluster.Key.Group} wait to {doing} {channels} and no goroutine waits to {missing} {them}. {outlook}{sampled}",
                waiting.Select(w => w.Id).ToList()));
        }

        foreach (var sema in objects.Where(o => o.Kind == "sema"))
        {
            var type = sema.Type.Length > 0 ? sema.Type : "a semaphore";
            findings.Add(new FindingRecord("semaphore",
                $"Hint: {sema.Waiters.Count} goroutine(s) wait to acquire {type} at {sema.Addr}. Go does not record who holds a lock, so the holder (and any wait-for cycle through it) cannot be shown.",
                sema.Waiters.Select(w => w.Id).ToList()));
        }

        // waitSince is the runtime's nanotime when the wait began, recorded lazily by the GC; the
        // newest one is a lower bound for "now", so the waits below are lower bounds too.
        var now = goroutines.Max(g => (long?)g.WaitSince) ?? 0;
        var byId = goroutines.ToDictionary(g => g.Id);
        if (threshold > TimeSpan.Zero && now > 0)
        {
            foreach (var group in groups)
            {
                var members = group.Ids.Select(id => byId[id]).ToList();
                if (members.All(g => g.WaitSince > 0 && now - g.WaitSince >= threshold.Ticks * 100))
                {
                    var least = TimeSpan.FromTicks(members.Min(g => now - g.WaitSince) / 100);
                    findings.Add(new FindingRecord("long-wait",
                        $"Hint: all {members.Count} goroutine(s) of {group.Key} have waited at least {least.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s (threshold {threshold.TotalSeconds} s).",
                        group.Ids));
                }
            }
        }

        return findings;
    }
}
