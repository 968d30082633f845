using System.Globalization;

namespace Dlvx.Sdk.Text;

/// <summary>
/// Figures written for people the same way in every plugin: byte sizes in binary units as Go's own
/// tools write them (KiB, MiB, GiB), counts with thousands separators, changes with their sign.
/// Always in the invariant culture.
/// </summary>
public static class TextFormat
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];

    /// <summary>A size with three significant digits: <c>512 B</c>, <c>1.50 KiB</c>, <c>44.6 KiB</c>, <c>320 MiB</c>.</summary>
    /// <param name="bytes">The size in bytes.</param>
    public static string Bytes(ulong bytes)
    {
        if (bytes < 1024)
        {
            return bytes.ToString(CultureInfo.InvariantCulture) + " B";
        }

        var value = (double)bytes;
        var unit = 0;
        while (value >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        var digits = value < 10 ? "0.00" : value < 100 ? "0.0" : "0";
        return value.ToString(digits, CultureInfo.InvariantCulture) + " " + Units[unit];
    }

    /// <summary>A change in size, always with its sign: <c>+2.59 KiB</c>, <c>-32.0 KiB</c>, <c>+0 B</c>.</summary>
    /// <param name="bytes">The change in bytes.</param>
    public static string SignedBytes(long bytes) =>
        (bytes < 0 ? "-" : "+") + Bytes(bytes < 0 ? unchecked((ulong)-(bytes + 1)) + 1 : (ulong)bytes);

    /// <summary>A count with thousands separators: <c>101,435</c>.</summary>
    /// <param name="value">The count.</param>
    public static string Count(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>A count with thousands separators.</summary>
    /// <param name="value">The count.</param>
    public static string Count(ulong value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>A change in a count, with its sign unless it is zero: <c>+16</c>, <c>-1,024</c>, <c>0</c>.</summary>
    /// <param name="change">The change.</param>
    public static string SignedCount(long change) => change.ToString("+#,0;-#,0;0", CultureInfo.InvariantCulture);
}
