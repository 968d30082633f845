namespace Dlvx.Host.Report.Svg;

/// <summary>One bar of a chart, or one segment of a strip.</summary>
/// <param name="Label">What it is.</param>
/// <param name="Value">Its length, in any unit shared by the chart.</param>
/// <param name="ValueText">The value as shown (<c>1.2 MiB</c>).</param>
/// <param name="Color">Its fill.</param>
/// <param name="Title">The tooltip (and the text a screen reader reads).</param>
internal sealed record ChartBar(string Label, double Value, string ValueText, string Color, string Title);
