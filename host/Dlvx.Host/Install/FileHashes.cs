using System.Security.Cryptography;

namespace Dlvx.Host.Install;

/// <summary>SHA-512 hashes of files, base64-encoded as NuGet writes them.</summary>
internal static class FileHashes
{
    public static async Task<string> OfFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        return Convert.ToBase64String(await SHA512.HashDataAsync(stream, cancellationToken));
    }

    /// <summary>Hashes every file under <paramref name="folder"/>, keyed by its path relative to it with '/' separators.</summary>
    public static async Task<Dictionary<string, string>> OfFolderAsync(string folder, CancellationToken cancellationToken)
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            hashes[RelativeKey(folder, file)] = await OfFileAsync(file, cancellationToken);
        }

        return hashes;
    }

    /// <summary>Returns null when the folder holds exactly the expected files with the expected hashes, else what differs.</summary>
    public static async Task<string?> CompareAsync(string folder, IReadOnlyDictionary<string, string> expected, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
        {
            return "its folder is missing";
        }

        var actual = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(f => RelativeKey(folder, f), f => f, StringComparer.Ordinal);

        // An added dll is as dangerous as a modified one: the plugin's load context would resolve it.
        if (actual.Keys.FirstOrDefault(k => !expected.ContainsKey(k)) is { } added)
        {
            return $"{added} was added";
        }

        foreach (var (key, hash) in expected)
        {
            if (!actual.TryGetValue(key, out var path))
            {
                return $"{key} is missing";
            }

            if (!string.Equals(await OfFileAsync(path, cancellationToken), hash, StringComparison.Ordinal))
            {
                return $"{key} does not match its SHA-512";
            }
        }

        return null;
    }

    private static string RelativeKey(string folder, string file) => Path.GetRelativePath(folder, file).Replace('\\', '/');
}
