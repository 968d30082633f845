using System.Text;
using Dlvx.Sdk.Text;

namespace Dlvx.Plugins.RuntimeViews.Memory;

/// <summary>memory-map as text: totals per kind, the cross-check, then every region.</summary>
public static class MemoryMapText
{
    public static string Format(MemoryMapData map, IReadOnlyList<MemoryRegion> shown)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(shown);
        var text = new StringBuilder();
        var mapped = map.Totals.Values.Aggregate(0UL, (a, b) => a + b);
        var reserved = map.Reserved.Values.Aggregate(0UL, (a, b) => a + b);
        text.AppendLine($"{map.Regions.Count} regions from {map.Source}: {TextFormat.Bytes(mapped)} mapped, {TextFormat.Bytes(reserved)} more reserved");

        var totals = new TextTable { Indent = "  " }.AddColumn("kind").AddColumn("regions", ColumnAlignment.Right).AddColumn("mapped", ColumnAlignment.Right).AddColumn("reserved", ColumnAlignment.Right);
        foreach (var kind in RegionKind.All)
        {
            var count = map.Regions.Count(r => r.Kind == kind);
            if (count > 0)
            {
                totals.AddRow(kind, count, TextFormat.Bytes(map.Totals.GetValueOrDefault(kind)), map.Reserved.GetValueOrDefault(kind) is var r && r > 0 ? TextFormat.Bytes(r) : "");
            }
        }

        totals.AppendTo(text);
        var check = map.CrossCheck;
        text.AppendLine().AppendLine("Cross-check with the runtime's own figures (what runtime.ReadMemStats reports):");
        var lines = new TextTable { Indent = "  " }.AddColumn("").AddColumn("", ColumnAlignment.Right).AddColumn("").AddColumn("");
        lines.AddRow("heap in arenas", TextFormat.Bytes(check.HeapMapped), $"HeapSys {TextFormat.Bytes(check.HeapSys)}", Verdict(check.HeapMapped, check.HeapSys));
        var stackFigure = check.StackInuse + check.ProgramBitmaps;
        lines.AddRow(
            "goroutine stacks",
            TextFormat.Bytes(check.StackMapped),
            $"StackInuse {TextFormat.Bytes(check.StackInuse)}{(check.ProgramBitmaps > 0 ? $" + GC program bitmaps {TextFormat.Bytes(check.ProgramBitmaps)}" : "")} (StackSys {TextFormat.Bytes(check.StackSys)})",
            Verdict(check.StackMapped, stackFigure));
        lines.AddRow("GC work buffers", TextFormat.Bytes(check.WorkBuffersMapped), $"in GCSys {TextFormat.Bytes(check.WorkBuffers)}", Verdict(check.WorkBuffersMapped, check.WorkBuffers));
        lines.AppendTo(text);

        text.AppendLine();
        var regions = new TextTable().AddColumn("start").AddColumn("end").AddColumn("size", ColumnAlignment.Right).AddColumn("perm").AddColumn("kind").AddColumn("what");
        foreach (var region in shown)
        {
            var what = region.Detail.Length > 0 && region.File.Length > 0 ? $"{region.Detail}  {region.File}" : region.Detail + region.File;
            regions.AddRow(region.Start, region.End, TextFormat.Bytes(region.Size), region.Perm, region.Kind, what);
        }

        regions.AppendTo(text);
        return text.ToString().TrimEnd();
    }

    private static string Verdict(ulong found, ulong expected) =>
        found == expected ? "equal" : $"differs by {TextFormat.SignedBytes((long)found - (long)expected)}";
}
