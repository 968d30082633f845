using System.Globalization;
using System.Net;
using System.Text;
using Dlvx.Sdk.Text;

namespace Dlvx.Host.Report;

/// <summary>Small pieces of HTML: escaped text, tables, figures.</summary>
internal static class Html
{
    /// <summary>Text for an element or an attribute, escaped.</summary>
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A size as dlvx's text output writes it (<c>44.6 KiB</c>).</summary>
    public static string Bytes(ulong bytes) => TextFormat.Bytes(bytes);

    /// <summary>A count with thousands separators.</summary>
    public static string Count(long value) => TextFormat.Count(value);

    /// <summary>A number for an SVG attribute.</summary>
    public static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Appends a table; cells are escaped, columns whose header starts with '#' are right-aligned numbers.</summary>
    public static void Table(StringBuilder html, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, string cssClass = "")
    {
        html.Append(CultureInfo.InvariantCulture, $"<table{(cssClass.Length > 0 ? $" class=\"{cssClass}\"" : "")}><thead><tr>");
        foreach (var header in headers)
        {
            html.Append(header.StartsWith('#') ? $"<th class=\"num\">{Encode(header[1..])}</th>" : $"<th>{Encode(header)}</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
            {
                html.Append(i < headers.Count && headers[i].StartsWith('#') ? $"<td class=\"num\">{Encode(row[i])}</td>" : $"<td>{Encode(row[i])}</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table>");
    }

    /// <summary>Appends figures as a grid of label and value pairs.</summary>
    public static void Facts(StringBuilder html, IEnumerable<(string Label, string Value)> facts)
    {
        html.Append("<dl class=\"facts\">");
        foreach (var (label, value) in facts)
        {
            html.Append(CultureInfo.InvariantCulture, $"<div><dt>{Encode(label)}</dt><dd>{Encode(value)}</dd></div>");
        }

        html.Append("</dl>");
    }
}
