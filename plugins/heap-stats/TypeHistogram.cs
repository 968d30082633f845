using System.Text.RegularExpressions;

namespace Dlvx.Plugins.HeapStats;

/// <summary>The data of heap-stats --by-type.</summary>
/// <param name="Objects">Reachable objects, all types.</param>
/// <param name="Bytes">Their bytes, all types.</param>
/// <param name="Roots">How many roots were walked.</param>
/// <param name="Types">Rows (filtered and sorted).</param>
/// <param name="ByRoot">Roots by bytes first reached, when asked for.</param>
/// <param name="UnscannedTypes">Types counted but not looked inside, because Delve cannot name them in an expression.</param>
public sealed record TypeHistogram(long Objects, long Bytes, int Roots, IReadOnlyList<TypeCount> Types, IReadOnlyList<RootCount>? ByRoot, IReadOnlyList<string> UnscannedTypes)
{
    internal static TypeHistogram From(HeapWalk walk, Regex? filter, HistogramSort sort, bool byRoot)
    {
        var matching = walk.Types.Where(t => filter is null || filter.IsMatch(t.Type));
        var rows = sort == HistogramSort.Objects
            ? matching.OrderByDescending(t => t.Objects).ThenByDescending(t => t.Bytes)
            : matching.OrderByDescending(t => t.Bytes).ThenByDescending(t => t.Objects);
        return new TypeHistogram(walk.Objects, walk.Bytes, walk.RootCount, rows.ThenBy(t => t.Type, StringComparer.Ordinal).ToList(), byRoot ? walk.Roots.OrderByDescending(r => r.Bytes).ToList() : null, walk.UnscannedTypes);
    }
}
