using System.Globalization;

namespace Dlvx.Plugins.HeapStats.Statistics;

/// <summary>Formats byte counts for people, in binary units as Go's own tools do (KiB, MiB, GiB).</summary>
internal static class ByteSize
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB"];

    public static string Format(ulong bytes)
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

        return value.ToString(value < 10 ? "0.00" : value < 100 ? "0.0" : "0", CultureInfo.InvariantCulture) + " " + Units[unit];
    }

    /// <summary>A signed change, with an explicit sign (<c>+1.2 MiB</c>, <c>-16 B</c>).</summary>
    public static string FormatChange(long bytes) =>
        (bytes < 0 ? "-" : "+") + Format(bytes == long.MinValue ? (ulong)long.MaxValue + 1 : (ulong)Math.Abs(bytes));
}
