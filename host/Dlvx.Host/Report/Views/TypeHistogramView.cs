using System.Text;
using System.Text.Json;
using Dlvx.Host.Report.Svg;

namespace Dlvx.Host.Report.Views;

/// <summary>heap-stats --by-type: the types holding the most reachable bytes, as bars.</summary>
internal sealed class TypeHistogramView(int top) : ISectionView
{
    public void Render(JsonElement data, StringBuilder html)
    {
        var types = data.Items("Types").OrderByDescending(t => t.Int64("Bytes")).ToList();
        html.Append($"<p>{Html.Encode(Html.Count(data.Int64("Objects")))} reachable objects, {Html.Encode(Html.Bytes(data.UInt64("Bytes")))}, from {Html.Encode(Html.Count(data.Int64("Roots")))} roots; the {Math.Min(top, types.Count)} largest of {types.Count} types by bytes:</p>");
        var bars = types.Take(top).Select(t => new ChartBar(
            t.Text("Type"),
            t.Int64("Bytes"),
            $"{Html.Bytes((ulong)t.Int64("Bytes"))} · {Html.Count(t.Int64("Objects"))} {(t.Int64("Objects") == 1 ? "object" : "objects")}",
            Palette.Series[0],
            $"{t.Text("Type")}: {Html.Bytes((ulong)t.Int64("Bytes"))} in {Html.Count(t.Int64("Objects"))} objects")).ToList();
        SvgBarChart.Render(html, bars, "reachable bytes by type", "types");
    }
}
