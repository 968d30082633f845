using System.Globalization;
using System.Text;
using System.Text.Json;
using Dlvx.Host.Report.Svg;

namespace Dlvx.Host.Report.Views;

/// <summary>memory-map: the mapped regions as a proportional strip by address, totals per kind, the cross-check and every region.</summary>
internal sealed class MemoryMapView : ISectionView
{
    public void Render(JsonElement data, StringBuilder html)
    {
        var regions = data.Items("Regions").ToList();
        var mapped = regions.Where(r => r.Text("Perm") is var perm && perm.Length >= 3 && perm[..3] != "---").ToList();
        var totals = data.Field("Totals").EnumerateObject().ToList();
        var reserved = data.Field("Reserved").EnumerateObject().ToDictionary(k => k.Name, k => k.Value.GetUInt64(), StringComparer.Ordinal);
        var mappedBytes = totals.Aggregate(0UL, (sum, t) => sum + t.Value.GetUInt64());
        html.Append(CultureInfo.InvariantCulture, $"<p>{regions.Count} regions from <code>{Html.Encode(data.Text("Source"))}</code>: {Html.Encode(Html.Bytes(mappedBytes))} mapped, {Html.Encode(Html.Bytes(reserved.Values.Aggregate(0UL, (a, b) => a + b)))} more reserved. Each band is as wide as its share of the mapped memory, in address order.</p>");

        SvgStrip.Render(html, [.. mapped.Select(r => new ChartBar(
            r.Text("Kind"),
            r.UInt64("Size"),
            Html.Bytes(r.UInt64("Size")),
            Palette.ForKind(r.Text("Kind")),
            $"{r.Text("Start")}-{r.Text("End")} {Html.Bytes(r.UInt64("Size"))} {r.Text("Perm")} {r.Text("Kind")}: {Describe(r)}"))], "mapped regions by address, as wide as their size", 40);
        var byKind = totals.Select(t => new ChartBar(
            t.Name,
            t.Value.GetUInt64(),
            Html.Bytes(t.Value.GetUInt64()) + (reserved.TryGetValue(t.Name, out var more) ? $" (+{Html.Bytes(more)} reserved)" : ""),
            Palette.ForKind(t.Name),
            $"{t.Name}: {Html.Bytes(t.Value.GetUInt64())}")).ToList();
        html.Append("<h3>By kind</h3>");
        SvgStrip.Render(html, byKind, "mapped memory by kind", 22);
        SvgStrip.Legend(html, byKind);

        var check = data.Field("CrossCheck");
        html.Append("<h3>Cross-check with the runtime's own figures</h3>");
        Html.Table(html, ["what", "#in the map", "runtime's figure", "verdict"],
        [
            ["heap in arenas", Html.Bytes(check.UInt64("HeapMapped")), $"HeapSys {Html.Bytes(check.UInt64("HeapSys"))}", check.Flag("HeapMatches") ? "equal" : "differs"],
            ["goroutine stacks", Html.Bytes(check.UInt64("StackMapped")), $"StackInuse {Html.Bytes(check.UInt64("StackInuse"))} (StackSys {Html.Bytes(check.UInt64("StackSys"))})", check.Flag("StacksMatch") ? "equal" : "differs"],
            ["GC work buffers", Html.Bytes(check.UInt64("WorkBuffersMapped")), $"in GCSys {Html.Bytes(check.UInt64("WorkBuffers"))}", check.UInt64("WorkBuffersMapped") == check.UInt64("WorkBuffers") ? "equal" : "differs"],
        ], "crosscheck");

        // Folded on screen (hundreds of rows where goroutine stacks interleave with heap spans); printed in full.
        html.Append(CultureInfo.InvariantCulture, $"<details class=\"regions\"><summary><h3>All {regions.Count} regions</h3> <span class=\"muted\">(start, end, size, permissions, kind, what)</span></summary>");
        Html.Table(html, ["start", "end", "#size", "perm", "kind", "what"],
            regions.Select(r => (IReadOnlyList<string>)[r.Text("Start"), r.Text("End"), Html.Bytes(r.UInt64("Size")), r.Text("Perm"), r.Text("Kind"), Describe(r)]), "regions");
        html.Append("</details>");
    }

    private static string Describe(JsonElement region) =>
        string.Join("  ", new[] { region.Text("Detail"), region.Text("File") }.Where(t => t.Length > 0));
}
