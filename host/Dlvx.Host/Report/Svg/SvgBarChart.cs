using System.Globalization;
using System.Text;

namespace Dlvx.Host.Report.Svg;

/// <summary>A horizontal bar chart: a label, a bar whose length is proportional to the value, the value.</summary>
internal static class SvgBarChart
{
    private const double Width = 760;
    private const double LabelWidth = 300;
    private const double ValueWidth = 110;
    private const double RowHeight = 22;
    private const double BarHeight = 14;
    private const double FontSize = 12;

    public static void Render(StringBuilder html, IReadOnlyList<ChartBar> bars, string description, string cssClass)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var height = Math.Max(1, bars.Count) * RowHeight;
        var largest = bars.Count == 0 ? 1 : Math.Max(bars.Max(b => b.Value), double.Epsilon);
        var room = Width - LabelWidth - ValueWidth - 16;
        html.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart {cssClass}\" role=\"img\" aria-label=\"{Html.Encode(description)}\" viewBox=\"0 0 {Width} {Html.Number(height)}\" width=\"{Width}\" height=\"{Html.Number(height)}\" preserveAspectRatio=\"xMinYMin meet\">");
        html.Append(CultureInfo.InvariantCulture, $"<title>{Html.Encode(description)}</title>");
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = i * RowHeight;
            var length = Math.Max(1, bar.Value / largest * room);
            html.Append(CultureInfo.InvariantCulture, $"<g class=\"bar\"><title>{Html.Encode(bar.Title)}</title>");
            html.Append(CultureInfo.InvariantCulture, $"<text class=\"label\" x=\"{Html.Number(LabelWidth - 8)}\" y=\"{Html.Number(y + 15)}\" text-anchor=\"end\" font-size=\"{FontSize}\">{Html.Encode(SvgText.Fit(bar.Label, LabelWidth - 12, FontSize))}</text>");
            html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Html.Number(LabelWidth)}\" y=\"{Html.Number(y + ((RowHeight - BarHeight) / 2))}\" width=\"{Html.Number(length)}\" height=\"{BarHeight}\" rx=\"2\" fill=\"{bar.Color}\"/>");
            html.Append(CultureInfo.InvariantCulture, $"<text class=\"value\" x=\"{Html.Number(LabelWidth + length + 6)}\" y=\"{Html.Number(y + 15)}\" font-size=\"{FontSize}\">{Html.Encode(bar.ValueText)}</text></g>");
        }

        html.Append("</svg>");
    }
}
