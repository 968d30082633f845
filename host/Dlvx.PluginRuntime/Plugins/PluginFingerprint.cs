using System.Security.Cryptography;
using System.Text;

namespace Dlvx.PluginRuntime.Plugins;

/// <summary>
/// What a plugin's files hold, as one hash: every <c>.dll</c> and <c>.deps.json</c> under the main
/// assembly's folder, by path and content. A reload compares it to tell the plugin that was rebuilt from
/// the ones that were not, which keep running with their state; a build that rewrote a file with the
/// same bytes changes nothing.
/// </summary>
internal static class PluginFingerprint
{
    /// <summary>The fingerprint of the plugin whose main assembly is <paramref name="assemblyPath"/>.</summary>
    /// <exception cref="IOException">A file could not be read (a build still writing it).</exception>
    public static string Compute(string assemblyPath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(assemblyPath))!;
        var files = Directory.EnumerateFiles(folder, "*.dll", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(folder, "*.deps.json", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(folder, file) + "\n"));
            hash.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
