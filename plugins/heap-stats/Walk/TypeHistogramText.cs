using System.Globalization;
using System.Text;
using Dlvx.Plugins.HeapStats.Statistics;
using Dlvx.Sdk.Runtime;

namespace Dlvx.Plugins.HeapStats.Walk;

/// <summary>The text of heap-stats --by-type.</summary>
internal static class TypeHistogramText
{
    public static string Format(TypeHistogram histogram, TimeSpan elapsed, int top)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{MemStatsText.Count((ulong)histogram.Objects)} reachable objects, {ByteSize.Format((ulong)histogram.Bytes)}, from {histogram.Roots} roots in {elapsed.TotalSeconds:0.00} s");
        var unreachable = histogram.AllocatedObjects - histogram.Objects;
        text.AppendLine().Append(CultureInfo.InvariantCulture, $"{MemStatsText.Count((ulong)histogram.AllocatedObjects)} allocated: {MemStatsText.Count((ulong)unreachable)} unreachable ({ByteSize.Format((ulong)(histogram.AllocatedBytes - histogram.Bytes))}), garbage the next collection frees");
        var rows = histogram.Types.Take(top).ToList();
        text.AppendLine().Append(CultureInfo.InvariantCulture, $"     objects        bytes  type ({rows.Count} of {histogram.Types.Count} types)");
        foreach (var row in rows)
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"  {MemStatsText.Count((ulong)row.Objects),10}  {ByteSize.Format((ulong)row.Bytes),11}  {row.Type}");
        }

        if (histogram.ByRoot is { } roots)
        {
            text.AppendLine().AppendLine().Append("Roots by bytes first reached (held through):");
            foreach (var root in roots.Take(top))
            {
                text.AppendLine().Append(CultureInfo.InvariantCulture, $"  {MemStatsText.Count((ulong)root.Objects),10}  {ByteSize.Format((ulong)root.Bytes),11}  {root.Root}  ({Via(root)})");
            }
        }

        return text.ToString();
    }

    private static string Via(HeapRootCount root) =>
        string.Join(", ", root.Via.Take(3).Select(v => $"{HeapEdgeKindText.Describe(v.Kind)} {MemStatsText.Count((ulong)v.Objects)}"));
}
