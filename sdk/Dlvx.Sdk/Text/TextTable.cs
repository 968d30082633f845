using System.Globalization;
using System.Text;

namespace Dlvx.Sdk.Text;

/// <summary>
/// Lays out a command's rows of text in aligned columns, each as wide as its widest cell, instead
/// of padding by hand with format widths that break as soon as a value grows.
/// </summary>
/// <remarks>
/// Cells are strings or values; numbers and other <see cref="IFormattable"/> values are written with
/// the invariant culture, so output is the same on every machine. A header line is written when any
/// column has a header. The last column of a row is never padded, so lines carry no trailing blanks.
/// </remarks>
/// <example>
/// <code>
/// var table = new TextTable { Indent = "    " }
///     .AddColumn("size", ColumnAlignment.Right)
///     .AddColumn("live bytes", ColumnAlignment.Right)
///     .AddColumn("type");
/// table.AddRow(416, TextFormat.Bytes(14_560), "main.item");
/// return CommandResult.Create(table.ToString());
/// //     size  live bytes  type
/// //      416    14.2 KiB  main.item
/// </code>
/// </example>
public sealed class TextTable
{
    private readonly List<(string Header, ColumnAlignment Alignment)> columns = [];
    private readonly List<string[]> rows = [];

    /// <summary>Written at the start of every line, for example four spaces under a heading.</summary>
    public string Indent { get; init; } = "";

    /// <summary>Written between two columns.</summary>
    public string Gap { get; init; } = "  ";

    /// <summary>How many rows have been added (the header not counted).</summary>
    public int RowCount => rows.Count;

    /// <summary>Adds a column, left to right.</summary>
    /// <param name="header">The column's header; empty for none.</param>
    /// <param name="alignment">How its cells line up.</param>
    /// <returns>This table, to add the next column.</returns>
    public TextTable AddColumn(string header, ColumnAlignment alignment = ColumnAlignment.Left)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (rows.Count > 0)
        {
            throw new InvalidOperationException("add every column before the first row");
        }

        columns.Add((header, alignment));
        return this;
    }

    /// <summary>Adds a row: one cell per column, in column order.</summary>
    /// <param name="cells">The cells; a null cell is empty, and a row may have fewer cells than columns.</param>
    /// <returns>This table, to add the next row.</returns>
    /// <exception cref="ArgumentException">The row has more cells than the table has columns.</exception>
    public TextTable AddRow(params object?[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length > columns.Count)
        {
            throw new ArgumentException($"the row has {cells.Length} cells but the table has {columns.Count} columns", nameof(cells));
        }

        var row = new string[columns.Count];
        for (var i = 0; i < row.Length; i++)
        {
            row[i] = i < cells.Length ? Format(cells[i]) : "";
        }

        rows.Add(row);
        return this;
    }

    /// <summary>Appends the table's lines to <paramref name="text"/>, separated by newlines, without a newline after the last.</summary>
    /// <param name="text">Where the table goes.</param>
    /// <returns><paramref name="text"/>.</returns>
    public StringBuilder AppendTo(StringBuilder text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var widths = new int[columns.Count];
        var hasHeader = columns.Any(c => c.Header.Length > 0);
        for (var i = 0; i < columns.Count; i++)
        {
            widths[i] = Math.Max(hasHeader ? columns[i].Header.Length : 0, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length));
        }

        var lines = hasHeader ? rows.Prepend([.. columns.Select(c => c.Header)]) : rows;
        var first = true;
        foreach (var cells in lines)
        {
            if (!first)
            {
                text.Append('\n');
            }

            first = false;
            // Empty cells at the end of a row are left out, with their gaps.
            var count = cells.Length;
            while (count > 1 && cells[count - 1].Length == 0)
            {
                count--;
            }

            var line = new StringBuilder(Indent);
            for (var i = 0; i < count; i++)
            {
                if (i > 0)
                {
                    line.Append(Gap);
                }

                var last = i == count - 1;
                line.Append(columns[i].Alignment == ColumnAlignment.Right ? cells[i].PadLeft(widths[i]) : last ? cells[i] : cells[i].PadRight(widths[i]));
            }

            text.Append(line.ToString().TrimEnd());
        }

        return text;
    }

    /// <summary>The table's lines, separated by newlines, without a newline after the last.</summary>
    public override string ToString() => AppendTo(new StringBuilder()).ToString();

    private static string Format(object? cell) => cell switch
    {
        null => "",
        string text => text,
        IFormattable value => value.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };
}
