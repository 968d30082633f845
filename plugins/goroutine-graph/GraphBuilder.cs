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
    /// <param name="examined">Goroutines waiting on a semaphore whose stack was read to name its lock.</param>
    /// <param name="eligible">Goroutines waiting on a semaphore whose wait reason does not name the lock.</param>
    /// <param name="runnable">Goroutines of the whole target (not only those shown) that can run.</param>
    public static GraphData Build(IReadOnlyList<GoroutineRecord> goroutines, GroupBy groupBy, TimeSpan waitThreshold, int examined, int eligible, int runnable)
    {
        var keyOfId = new Dictionary<long, string>(goroutines.Count);
        foreach (var g in goroutines)
        {
            keyOfId[g.Id] = KeyOf(g, groupBy);
        }

        var groups = goroutines
            .GroupBy(g => keyOfId[g.Id], StringComparer.Ordinal)
            .Select(group => new GroupRecord(
                group.Key,
                group.Count(),
                group.Select(g => g.Id).ToList(),
                Count(group.Where(g => g.WaitReason.Length > 0).Select(g => g.WaitReason))) { States = Count(group.Select(g => g.Status)) })
            .OrderByDescending(g => g.Count)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();

        // One pass for objects and edges, in goroutine order: a hundred thousand goroutines may each
        // wait on a channel of their own.
        var waitedOn = new Dictionary<(string Kind, string Addr), (string Node, List<(string Type, WaiterRecord Waiter)> Waiters)>();
        var edges = new HashSet<EdgeRecord>();
        foreach (var g in goroutines)
        {
            var key = keyOfId[g.Id];
            if (g.GoStatement.Line != 0)
            {
                edges.Add(new EdgeRecord(g.GoStatement.Function, key, "spawns"));
            }

            foreach (var blocked in g.BlockedOn)
            {
                if (!waitedOn.TryGetValue((blocked.Kind, blocked.Addr), out var target))
                {
                    waitedOn[(blocked.Kind, blocked.Addr)] = target = ($"{blocked.Kind} {blocked.Addr}", []);
                }

                target.Waiters.Add((blocked.Type, new WaiterRecord(g.Id, blocked.Op == "select" ? $"select-{blocked.Direction}" : blocked.Op)));
                edges.Add(new EdgeRecord(key, target.Node, "blocked on"));
            }
        }

        var objects = waitedOn
            .Select(o => new ObjectRecord(o.Key.Kind, o.Key.Addr, o.Value.Waiters.Select(w => w.Type).FirstOrDefault(t => t.Length > 0) ?? "", o.Value.Waiters.ConvertAll(w => w.Waiter)))
            .OrderByDescending(o => o.Waiters.Count)
            .ToList();

        var findings = Findings(goroutines, groups, objects, keyOfId, waitThreshold, runnable);
        return new GraphData(goroutines.Count, goroutines, groups, objects, [.. edges], findings) { BlockingExamined = examined, BlockingEligible = eligible };
    }

    // The groups of a channel's waiters, sorted and joined: usually one.
    private static string GroupsOf(List<WaiterRecord> waiting, IReadOnlyDictionary<long, string> keyOfId)
    {
        var first = waiting.Count > 0 ? keyOfId[waiting[0].Id] : "";
        return waiting.TrueForAll(w => ReferenceEquals(keyOfId[w.Id], first) || keyOfId[w.Id] == first)
            ? first
            : string.Join(",", waiting.Select(w => keyOfId[w.Id]).Distinct().Order(StringComparer.Ordinal));
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

    private static List<FindingRecord> Findings(IReadOnlyList<GoroutineRecord> goroutines, IReadOnlyList<GroupRecord> groups, IReadOnlyList<ObjectRecord> objects, IReadOnlyDictionary<long, string> keyOfId, TimeSpan threshold, int canRun)
    {
        var findings = new List<FindingRecord>();
        // One hint per kind of stuck channel: a leak that makes one channel per request would
        // otherwise produce one hint per request.
        var stuck = new List<(ObjectRecord Chan, List<WaiterRecord> Waiting, bool Sending, string Groups)>();
        foreach (var chan in objects.Where(o => o.Kind == "chan"))
        {
            var sends = chan.Waiters.Count(w => w.Op is "send" or "select-send");
            if (sends == 0 || !chan.Waiters.Any(w => w.Op is "recv" or "select-recv"))
            {
                var waiting = sends > 0 ? chan.Waiters.Where(w => w.Op is "send" or "select-send").ToList() : chan.Waiters.Where(w => w.Op is "recv" or "select-recv").ToList();
                stuck.Add((chan, waiting, sends > 0, GroupsOf(waiting, keyOfId)));
            }
        }

        foreach (var cluster in stuck.GroupBy(s => (s.Chan.Type, s.Sending, Group: s.Groups)))
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
                $"Hint: {waiting.Count} goroutine(s) of {cluster.Key.Group} wait to {doing} {channels} and no goroutine waits to {missing} {them}. {outlook}",
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
