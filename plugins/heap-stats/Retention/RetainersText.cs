using System.Globalization;
using System.Text;
using Dlvx.Plugins.HeapStats.Statistics;
using Dlvx.Sdk.Runtime;

namespace Dlvx.Plugins.HeapStats.Retention;

/// <summary>The text of heap-stats --dominators.</summary>
internal static class RetainersText
{
    public static string Format(HeapRetainersResult result)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{MemStatsText.Count((ulong)result.Objects)} reachable objects, {ByteSize.Format((ulong)result.Bytes)}; what retains the most (freed if it were gone):");
        text.AppendLine().Append("      retained    objects      shallow  retainer");
        foreach (var retainer in result.Retainers)
        {
            var name = retainer.IsRoot ? $"root {retainer.Name}" : $"{retainer.Name} at 0x{retainer.Address:x}";
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"  {ByteSize.Format((ulong)retainer.RetainedBytes),12} {MemStatsText.Count((ulong)retainer.RetainedObjects),10} {ByteSize.Format((ulong)retainer.ShallowBytes),12}  {name}");
            if (!retainer.IsRoot && retainer.Path.Count > 0)
            {
                text.AppendLine().Append("      via ").Append(string.Join(" ", retainer.Path.Select(s => s.Name)).Trim());
            }
        }

        return text.ToString();
    }
}
