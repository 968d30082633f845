using System.Globalization;

namespace Dlvx.Plugins.RuntimeViews.Memory;

/// <summary>Reads a process's mappings from <c>/proc/PID/maps</c> (proc(5)).</summary>
public static class ProcessMaps
{
    /// <summary>Where a process's mappings are listed.</summary>
    public static string PathOf(int processId) => $"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/maps";

    /// <summary>Parses the text of a maps file: <c>start-end perms offset dev inode [path]</c> per line.</summary>
    /// <exception cref="FormatException">A line is not in that form.</exception>
    public static IReadOnlyList<AddressMapping> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var mappings = new List<AddressMapping>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // The path is everything after the fifth field and may contain spaces.
            var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            var dash = fields.Length < 5 ? -1 : fields[0].IndexOf('-', StringComparison.Ordinal);
            if (dash < 0)
            {
                throw new FormatException($"not a /proc/PID/maps line: {line}");
            }

            mappings.Add(new AddressMapping(
                ulong.Parse(fields[0].AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                ulong.Parse(fields[0].AsSpan(dash + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                fields[1],
                fields.Length > 5 ? fields[5].Trim() : "",
                ulong.Parse(fields[2], NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
        }

        return mappings;
    }
}
