using System.Text.RegularExpressions;
using Dlvx.Sdk.Runtime;

namespace Dlvx.Plugins.HeapStats.Walk;

/// <summary>The data of heap-stats --by-type.</summary>
/// <param name="Objects">Reachable objects, all types.</param>
/// <param name="Bytes">Their bytes, all types.</param>
/// <param name="AllocatedObjects">Allocated slots in the heap, reachable or not (right after a collection, equal to <paramref name="Objects"/>).</param>
/// <param name="AllocatedBytes">Their bytes.</param>
/// <param name="Roots">How many distinct roots reached something.</param>
/// <param name="RootWords">How many root words pointed into the heap.</param>
/// <param name="Types">Rows (filtered and sorted).</param>
/// <param name="ByRoot">Roots by bytes first reached, with how those objects were held, when asked for.</param>
public sealed record TypeHistogram(long Objects, long Bytes, long AllocatedObjects, long AllocatedBytes, int Roots, long RootWords, IReadOnlyList<HeapTypeCount> Types, IReadOnlyList<HeapRootCount>? ByRoot)
{
    internal static TypeHistogram From(HeapWalkResult walk, Regex? filter, HistogramSort sort, bool byRoot)
    {
        var matching = walk.Types.Where(t => filter is null || filter.IsMatch(t.Type));
        var rows = sort == HistogramSort.Objects
            ? matching.OrderByDescending(t => t.Objects).ThenByDescending(t => t.Bytes)
            : matching.OrderByDescending(t => t.Bytes).ThenByDescending(t => t.Objects);
        return new TypeHistogram(
            walk.Objects,
            walk.Bytes,
            walk.AllocatedObjects,
            walk.AllocatedBytes,
            walk.Roots.Count,
            walk.RootWords,
            rows.ThenBy(t => t.Type, StringComparer.Ordinal).ToList(),
            byRoot ? walk.Roots : null);
    }
}
