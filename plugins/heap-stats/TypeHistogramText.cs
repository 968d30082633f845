using System.Globalization;
using System.Text;

namespace Dlvx.Plugins.HeapStats;

/// <summary>The text of heap-stats --by-type.</summary>
internal static class TypeHistogramText
{
    public static string Format(TypeHistogram histogram, TimeSpan elapsed, int top)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{MemStatsText.Count((ulong)histogram.Objects)} reachable objects, {ByteSize.Format((ulong)histogram.Bytes)}, from {histogram.Roots} roots in {elapsed.TotalSeconds:0.00} s");
        var rows = histogram.Types.Take(top).ToList();
        text.AppendLine().Append(CultureInfo.InvariantCulture, $"     objects        bytes  type ({rows.Count} of {histogram.Types.Count} types)");
        foreach (var row in rows)
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"  {MemStatsText.Count((ulong)row.Objects),10}  {ByteSize.Format((ulong)row.Bytes),11}  {row.Type}");
        }

        if (histogram.ByRoot is { } roots)
        {
            text.AppendLine().AppendLine().Append("Roots by bytes first reached:");
            foreach (var root in roots.Take(top))
            {
                text.AppendLine().Append(CultureInfo.InvariantCulture, $"  {MemStatsText.Count((ulong)root.Objects),10}  {ByteSize.Format((ulong)root.Bytes),11}  {root.Root}");
            }
        }

        if (histogram.UnscannedTypes.Count > 0)
        {
            text.AppendLine().AppendLine().Append(CultureInfo.InvariantCulture, $"Not scanned (Delve cannot name the type; objects counted, their references not followed): {histogram.UnscannedTypes.Count} types");
            foreach (var type in histogram.UnscannedTypes.Take(top))
            {
                text.AppendLine().Append("  ").Append(type);
            }
        }

        return text.ToString();
    }
}
