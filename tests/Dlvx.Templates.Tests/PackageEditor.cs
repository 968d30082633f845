using System.IO.Compression;

namespace Dlvx.Templates.Tests;

/// <summary>Makes altered copies of a .nupkg, to feed the installer packages it must refuse (or update to).</summary>
internal static class PackageEditor
{
    /// <summary>Copies <paramref name="source"/> to <paramref name="destination"/>, rewriting text entries and adding raw ones.</summary>
    /// <param name="source">The package to copy.</param>
    /// <param name="destination">The new package.</param>
    /// <param name="rewrite">Given an entry name and its text (for .nuspec and .json entries), returns the new text.</param>
    /// <param name="extraEntries">Entry names to add verbatim (even hostile ones), each with a little content.</param>
    public static void Copy(string source, string destination, Func<string, string, string>? rewrite = null, params string[] extraEntries)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        using var input = ZipFile.OpenRead(source);
        using var output = ZipFile.Open(destination, ZipArchiveMode.Create);
        foreach (var entry in input.Entries)
        {
            var copy = output.CreateEntry(entry.FullName);
            using var from = entry.Open();
            using var to = copy.Open();
            if (rewrite is not null && (entry.FullName.EndsWith(".nuspec", StringComparison.Ordinal) || entry.FullName.EndsWith(".json", StringComparison.Ordinal)))
            {
                using var reader = new StreamReader(from);
                using var writer = new StreamWriter(to);
                writer.Write(rewrite(entry.FullName, reader.ReadToEnd()));
            }
            else
            {
                from.CopyTo(to);
            }
        }

        foreach (var name in extraEntries)
        {
            using var writer = new StreamWriter(output.CreateEntry(name).Open());
            writer.Write("not part of the plugin");
        }
    }
}
