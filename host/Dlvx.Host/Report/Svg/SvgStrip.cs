using System.Globalization;
using System.Text;

namespace Dlvx.Host.Report.Svg;

/// <summary>
/// A proportional strip: one band whose segments are as wide as their share of the total, in order
/// (a memory map by address, a breakdown by part). Segments too thin to see are still there, with
/// their tooltip, at least a hair wide.
/// </summary>
internal static class SvgStrip
{
    private const double Width = 1000;
    private const double MinimumWidth = 0.6;

    public static void Render(StringBuilder html, IReadOnlyList<ChartBar> segments, string description, double height = 34)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var total = segments.Sum(s => s.Value);
        html.Append(CultureInfo.InvariantCulture, $"<svg class=\"strip\" role=\"img\" aria-label=\"{Html.Encode(description)}\" viewBox=\"0 0 {Width} {Html.Number(height)}\" width=\"100%\" height=\"{Html.Number(height)}\" preserveAspectRatio=\"none\">");
        html.Append(CultureInfo.InvariantCulture, $"<title>{Html.Encode(description)}</title>");
        var x = 0.0;
        foreach (var segment in segments)
        {
            var width = total <= 0 ? 0 : segment.Value / total * Width;
            html.Append(CultureInfo.InvariantCulture, $"<rect class=\"segment\" x=\"{Html.Number(x)}\" y=\"0\" width=\"{Html.Number(Math.Max(width, MinimumWidth))}\" height=\"{Html.Number(height)}\" fill=\"{segment.Color}\"><title>{Html.Encode(segment.Title)}</title></rect>");
            x += width;
        }

        html.Append("</svg>");
    }

    /// <summary>A legend for a strip: a swatch, the label and the value of each distinct label.</summary>
    public static void Legend(StringBuilder html, IEnumerable<ChartBar> entries)
    {
        html.Append("<ul class=\"legend\">");
        foreach (var entry in entries)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li><svg class=\"swatch\" viewBox=\"0 0 12 12\" width=\"12\" height=\"12\"><rect width=\"12\" height=\"12\" rx=\"2\" fill=\"{entry.Color}\"/></svg>{Html.Encode(entry.Label)} <span class=\"muted\">{Html.Encode(entry.ValueText)}</span></li>");
        }

        html.Append("</ul>");
    }
}
