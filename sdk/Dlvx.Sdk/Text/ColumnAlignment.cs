namespace Dlvx.Sdk.Text;

/// <summary>How a <see cref="TextTable"/> column lines up its cells.</summary>
public enum ColumnAlignment
{
    /// <summary>Text starts at the column's left edge: names, types, locations.</summary>
    Left = 0,

    /// <summary>Text ends at the column's right edge: numbers, so their digits line up.</summary>
    Right = 1,
}
