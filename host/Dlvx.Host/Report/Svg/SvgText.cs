namespace Dlvx.Host.Report.Svg;

/// <summary>
/// Text in SVG has no layout engine: widths are estimated from the character count (the page's
/// sans-serif averages about 0.56 em per character), and text that would not fit is cut with an
/// ellipsis, the whole of it kept in a &lt;title&gt; for hovering.
/// </summary>
internal static class SvgText
{
    private const double AverageCharacterWidth = 0.56;

    public static double Width(string text, double fontSize) => text.Length * fontSize * AverageCharacterWidth;

    /// <summary>The text, shortened from the left (the end of a Go name says the most) to fit <paramref name="width"/>.</summary>
    public static string Fit(string text, double width, double fontSize)
    {
        var room = (int)(width / (fontSize * AverageCharacterWidth));
        return text.Length <= room ? text : room <= 1 ? "…" : "…" + text[^(room - 1)..];
    }
}
