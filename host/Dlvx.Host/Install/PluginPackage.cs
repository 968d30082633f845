using System.IO.Compression;
using NuGet.Packaging;
using NuGet.Packaging.Core;

namespace Dlvx.Host.Install;

/// <summary>
/// A DlvxPlugin .nupkg, checked before anything is written: its package type, its dlvx-plugin.json,
/// and that no archive entry would land outside the folder it is extracted into.
/// </summary>
internal sealed class PluginPackage
{
    /// <summary>The package type the Dlvx.Sdk build targets give a plugin.</summary>
    public const string PackageTypeName = "DlvxPlugin";

    private PluginPackage(string path, PackageIdentity identity, PluginManifest manifest, string sha512)
    {
        Path = path;
        Identity = identity;
        Manifest = manifest;
        Sha512 = sha512;
    }

    public string Path { get; }

    public PackageIdentity Identity { get; }

    public PluginManifest Manifest { get; }

    /// <summary>SHA-512 of the .nupkg, base64.</summary>
    public string Sha512 { get; }

    /// <exception cref="PluginInstallException">The file is not a usable DlvxPlugin package; the message says why.</exception>
    public static async Task<PluginPackage> OpenAsync(string path, CancellationToken cancellationToken)
    {
        PackageIdentity identity;
        IReadOnlyList<string> types;
        try
        {
            using var reader = new PackageArchiveReader(path);
            identity = await reader.GetIdentityAsync(cancellationToken);
            types = reader.NuspecReader.GetPackageTypes().Select(t => t.Name).ToList();
        }
        catch (Exception e) when (e is InvalidDataException or PackagingException or IOException or System.Xml.XmlException)
        {
            throw new PluginInstallException($"{System.IO.Path.GetFileName(path)} is not a valid NuGet package: {e.Message}", e);
        }

        if (!types.Contains(PackageTypeName, StringComparer.OrdinalIgnoreCase))
        {
            var actual = types.Count == 0 ? "Dependency (a library)" : string.Join(", ", types);
            throw new PluginInstallException($"{identity} is not a dlvx plugin package: its package type is {actual}, not {PackageTypeName} (build it with a PackageReference to Dlvx.Sdk and dotnet pack)");
        }

        PluginManifest manifest;
        using (var archive = ZipFile.OpenRead(path))
        {
            // Checked for every entry, not only those extracted: a package carrying one is hostile.
            foreach (var entry in archive.Entries)
            {
                if (EscapesRoot(EntryName(entry)))
                {
                    throw new PluginInstallException($"{identity} is refused: archive entry '{entry.FullName}' would be written outside the plugin folder");
                }
            }

            var manifestEntry = archive.GetEntry(PluginManifest.PackagePath)
                ?? throw new PluginInstallException($"{identity} has no {PluginManifest.PackagePath}: it was not packed with the Dlvx.Sdk build targets");
            await using var stream = manifestEntry.Open();
            manifest = await PluginManifest.ReadAsync(stream, cancellationToken);
            if (!archive.Entries.Any(e => EntryName(e) == PluginManifest.PluginFolder + manifest.Assembly))
            {
                throw new PluginInstallException($"{identity} has no {PluginManifest.PluginFolder}{manifest.Assembly}, the assembly its {PluginManifest.PackagePath} names");
            }
        }

        return new PluginPackage(path, identity, manifest, await FileHashes.OfFileAsync(path, cancellationToken));
    }

    /// <summary>Writes the files under <c>plugin/</c> into <paramref name="destination"/>, which must be empty.</summary>
    public async Task ExtractPluginAsync(string destination, CancellationToken cancellationToken)
    {
        var root = System.IO.Path.GetFullPath(destination);
        using var archive = ZipFile.OpenRead(Path);
        foreach (var entry in archive.Entries)
        {
            var name = EntryName(entry);
            if (!name.StartsWith(PluginManifest.PluginFolder, StringComparison.Ordinal) || name.EndsWith('/'))
            {
                continue;
            }

            var target = System.IO.Path.GetFullPath(System.IO.Path.Combine(root, name[PluginManifest.PluginFolder.Length..]));
            if (!target.StartsWith(root + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new PluginInstallException($"{Identity} is refused: archive entry '{entry.FullName}' would be written outside the plugin folder");
            }

            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);

            // Written from the entry's stream as a regular file: never a link, whatever the archive says.
            await using var input = entry.Open();
            await using var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write);
            await input.CopyToAsync(output, cancellationToken);
        }
    }

    /// <summary>The entry's name as NuGet reads it: '/' separators, percent-escapes decoded.</summary>
    private static string EntryName(ZipArchiveEntry entry) => Uri.UnescapeDataString(entry.FullName.Replace('\\', '/'));

    private static bool EscapesRoot(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        if (name.StartsWith('/') || System.IO.Path.IsPathRooted(name) || name.Contains(':', StringComparison.Ordinal))
        {
            return true;
        }

        return name.Split('/').Contains("..");
    }
}
