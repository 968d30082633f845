using System.Text;
using System.Text.Json;
using Dlvx.Host.Report.Svg;

namespace Dlvx.Host.Report.Views;

/// <summary>heap-stats --dominators: what retains the most bytes, with the path that keeps each alive.</summary>
internal sealed class RetainersView : ISectionView
{
    public void Render(JsonElement data, StringBuilder html)
    {
        var retainers = data.Items("Retainers").ToList();
        html.Append($"<p>{Html.Encode(Html.Count(data.Int64("Objects")))} reachable objects, {Html.Encode(Html.Bytes((ulong)data.Int64("Bytes")))}; retained bytes are what would be freed if the retainer were gone.</p>");
        SvgBarChart.Render(html, [.. retainers.Select(r => new ChartBar(Name(r), r.Int64("RetainedBytes"), Html.Bytes((ulong)r.Int64("RetainedBytes")), Palette.Series[6], $"{Name(r)} retains {Html.Bytes((ulong)r.Int64("RetainedBytes"))} in {Html.Count(r.Int64("RetainedObjects"))} objects"))], "retained bytes by retainer", "retainers");
        Html.Table(html, ["#retained", "#objects", "#shallow", "retainer", "kept alive through"], retainers.Select(r => (IReadOnlyList<string>)
        [
            Html.Bytes((ulong)r.Int64("RetainedBytes")),
            Html.Count(r.Int64("RetainedObjects")),
            Html.Bytes((ulong)r.Int64("ShallowBytes")),
            Name(r),
            string.Join(" → ", r.Items("Path").Select(s => s.Text("Name")).Where(n => n.Length > 0)),
        ]));
    }

    private static string Name(JsonElement retainer) =>
        retainer.Flag("IsRoot") ? $"root {retainer.Text("Name")}" : $"{retainer.Text("Name")} at 0x{retainer.UInt64("Address"):x}";
}
