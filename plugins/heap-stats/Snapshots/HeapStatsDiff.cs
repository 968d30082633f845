using Dlvx.Plugins.HeapStats.Statistics;

namespace Dlvx.Plugins.HeapStats.Snapshots;

/// <summary>The result of heap-stats diff: headline figures, then size classes by growth in live bytes.</summary>
/// <param name="From">The older snapshot's name.</param>
/// <param name="To">The newer snapshot's name, or <c>now</c>.</param>
/// <param name="Counters">The headline figures, in a fixed order.</param>
/// <param name="SizeClasses">Size classes whose counts changed, largest growth first.</param>
public sealed record HeapStatsDiff(string From, string To, IReadOnlyList<CounterChange> Counters, IReadOnlyList<SizeClassChange> SizeClasses)
{
    private static readonly (string Name, Func<MemStats, ulong> Value, bool IsBytes)[] Headline =
    [
        ("HeapAlloc", s => s.HeapAlloc, true),
        ("HeapObjects", s => s.HeapObjects, false),
        ("HeapInuse", s => s.HeapInuse, true),
        ("HeapIdle", s => s.HeapIdle, true),
        ("HeapSys", s => s.HeapSys, true),
        ("StackInuse", s => s.StackInuse, true),
        ("Sys", s => s.Sys, true),
        ("TotalAlloc", s => s.TotalAlloc, true),
        ("Mallocs", s => s.Mallocs, false),
        ("Frees", s => s.Frees, false),
        ("NumGC", s => s.NumGC, false),
    ];

    /// <summary>Compares two statistics.</summary>
    public static HeapStatsDiff Compute(string fromName, MemStats from, string toName, MemStats to)
    {
        var counters = Headline.Select(h => new CounterChange(h.Name, h.Value(from), h.Value(to), unchecked((long)(h.Value(to) - h.Value(from))), h.IsBytes)).ToList();
        var classes = new List<SizeClassChange>();
        var fromBySize = from.BySize.ToDictionary(c => c.Size);
        foreach (var now in to.BySize)
        {
            var before = fromBySize.GetValueOrDefault(now.Size) ?? new SizeClassStats(now.Size, 0, 0);
            var mallocs = unchecked((long)(now.Mallocs - before.Mallocs));
            var frees = unchecked((long)(now.Frees - before.Frees));
            if (mallocs != 0 || frees != 0)
            {
                classes.Add(new SizeClassChange(now.Size, mallocs - frees, (mallocs - frees) * now.Size, mallocs, frees));
            }
        }

        return new HeapStatsDiff(fromName, toName, counters, classes.OrderByDescending(c => c.LiveBytesChange).ThenByDescending(c => c.Mallocs).ToList());
    }
}
