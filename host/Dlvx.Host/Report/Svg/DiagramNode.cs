namespace Dlvx.Host.Report.Svg;

/// <summary>A box of the goroutine diagram.</summary>
/// <param name="Key">What it stands for: a function name, a group key, or an object (<c>chan 0x...</c>).</param>
/// <param name="Kind">function, group or object: its column and style.</param>
/// <param name="Lines">Its text, one line each.</param>
internal sealed record DiagramNode(string Key, string Kind, IReadOnlyList<string> Lines)
{
    /// <summary>Top edge, set by the layout.</summary>
    public double Y { get; set; }

    /// <summary>Its height for its lines.</summary>
    public double Height => 10 + (Lines.Count * 14);

    /// <summary>Its vertical centre.</summary>
    public double Middle => Y + (Height / 2);
}
