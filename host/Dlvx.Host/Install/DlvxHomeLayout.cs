namespace Dlvx.Host.Install;

/// <summary>
/// Where installed plugins live. Each plugin is a folder <c>plugins/ID</c> holding its build output, so
/// the loader's one-level scan of <c>$DLVX_HOME/plugins</c> finds it; versions are in <c>plugins.json</c>.
/// Staging is a sibling of <c>plugins</c>, on the same file system (so the final rename is atomic) but
/// outside the folder the loader scans (so a half-extracted plugin is never loaded).
/// </summary>
internal sealed class DlvxHomeLayout(string home)
{
    public string Home { get; } = Path.GetFullPath(home);

    public string PluginsFolder => Path.Combine(Home, "plugins");

    public string ManifestFile => Path.Combine(Home, "plugins.json");

    public string StagingFolder => Path.Combine(Home, ".staging");

    /// <summary>
    /// The installed packages themselves, kept so their SHA-512 can be checked again before each load;
    /// outside <see cref="PluginsFolder"/>, so the loader never sees them.
    /// </summary>
    public string PackagesFolder => Path.Combine(Home, "packages");

    /// <summary>Where the package of <paramref name="id"/> <paramref name="version"/> is kept, relative to <see cref="Home"/>.</summary>
    public static string PackageKey(string id, string version) => $"packages/{id.ToLowerInvariant()}.{version.ToLowerInvariant()}.nupkg";

    public string LockFile => Path.Combine(Home, ".plugins.lock");

    /// <summary>The plugin folder for a package id (lower-case, as NuGet lays out its folders).</summary>
    public string PluginFolder(string id) => Path.Combine(PluginsFolder, FolderName(id));

    public static string FolderName(string id) => id.ToLowerInvariant();

    /// <summary>A fresh, empty folder under the staging folder.</summary>
    public string NewStagingFolder(string purpose)
    {
        var path = Path.Combine(StagingFolder, $"{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }
}
