using System.Text.Json;
using Dlvx.PluginRuntime.Plugins;

namespace Dlvx.Host.Install;

/// <summary>
/// <c>$DLVX_HOME/plugins.json</c>: the plugins <c>dlvx plugins install</c> put under <c>$DLVX_HOME/plugins</c>.
/// Always replaced whole (temp file, then rename), so a reader sees the old or the new list, never half of one.
/// </summary>
internal sealed class InstalledPlugins
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNameCaseInsensitive = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,

        // Base64 hashes stay readable ('+' not escaped); the file is never embedded in HTML.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public int SchemaVersion { get; init; } = 1;

    public List<InstalledPlugin> Plugins { get; init; } = [];

    public InstalledPlugin? Find(string id) => Plugins.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads the list; an absent file is an empty list.</summary>
    /// <exception cref="PluginInstallException">The file exists but cannot be read.</exception>
    public static async Task<InstalledPlugins> LoadAsync(DlvxHomeLayout home, CancellationToken cancellationToken)
    {
        if (!File.Exists(home.ManifestFile))
        {
            return new InstalledPlugins();
        }

        try
        {
            await using var stream = File.OpenRead(home.ManifestFile);
            return await JsonSerializer.DeserializeAsync<InstalledPlugins>(stream, Json, cancellationToken) ?? new InstalledPlugins();
        }
        catch (JsonException e)
        {
            throw new PluginInstallException($"{home.ManifestFile} is corrupt ({e.Message}); fix or delete it", e);
        }
    }

    /// <summary>Writes the list to a temp file next to it, flushes it to disk, then renames it over the old one.</summary>
    public async Task SaveAsync(DlvxHomeLayout home, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(home.Home);
        var temp = $"{home.ManifestFile}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                await JsonSerializer.SerializeAsync(stream, this, Json, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, home.ManifestFile, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>
    /// What changed in an installed plugin since its install, naming the file, or null when nothing did:
    /// its kept package against the package SHA-512, then every file of its folder against its own
    /// (a changed, missing or added file).
    /// </summary>
    public static async Task<string?> FindChangeAsync(DlvxHomeLayout home, InstalledPlugin plugin, CancellationToken cancellationToken)
    {
        if (plugin.Package is { } package)
        {
            var path = Path.Combine(home.Home, package);
            if (!File.Exists(path))
            {
                return $"{path} is missing";
            }

            if (!string.Equals(await FileHashes.OfFileAsync(path, cancellationToken), plugin.PackageSha512, StringComparison.Ordinal))
            {
                return $"{path} does not match the SHA-512 recorded at install";
            }
        }

        return await FileHashes.CompareAsync(Path.Combine(home.PluginsFolder, plugin.Folder), plugin.Files, cancellationToken);
    }

    /// <summary>
    /// Checks every installed plugin's files against the SHA-512 hashes recorded at install, before the
    /// host loads anything. Call it where the host resolves <c>$DLVX_HOME/plugins</c> and load
    /// <see cref="InstalledPluginsVerification.Folders"/> instead of the whole folder.
    /// </summary>
    /// <param name="dlvxHome">The dlvx home folder (<c>$DLVX_HOME</c>, default <c>~/.dlvx</c>).</param>
    /// <param name="cancellationToken">Stops hashing.</param>
    /// <returns>
    /// The plugin folders to load: installed plugins whose files match, plus folders placed under
    /// <c>plugins</c> by hand (not installed by dlvx, so not verifiable); and the refused plugins with why.
    /// </returns>
    public static async Task<InstalledPluginsVerification> VerifyAsync(string dlvxHome, CancellationToken cancellationToken)
    {
        var home = new DlvxHomeLayout(dlvxHome);
        var folders = new List<string>();
        var refused = new List<PluginLoadFailure>();
        var loadable = new Dictionary<string, InstalledPlugin>(StringComparer.Ordinal);
        if (!Directory.Exists(home.PluginsFolder))
        {
            return new InstalledPluginsVerification(folders, refused, loadable);
        }

        InstalledPlugins installed;
        try
        {
            installed = await LoadAsync(home, cancellationToken);
        }
        catch (PluginInstallException e)
        {
            // Without the list nothing can be verified, so nothing installed is trusted.
            refused.Add(new PluginLoadFailure(home.PluginsFolder, e.Message));
            return new InstalledPluginsVerification(folders, refused, loadable);
        }

        var managed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var plugin in installed.Plugins)
        {
            var folder = Path.Combine(home.PluginsFolder, plugin.Folder);
            managed.Add(Path.GetFullPath(folder));
            var problem = await FindChangeAsync(home, plugin, cancellationToken);
            if (problem is null)
            {
                folders.Add(folder);
                loadable[folder] = plugin;
            }
            else
            {
                refused.Add(new PluginLoadFailure(folder,
                    $"{plugin.Id} {plugin.Version} was changed after it was installed ({problem}); not loaded. Reinstall it: dlvx plugins install {plugin.Id} --version {plugin.Version}"));
            }
        }

        folders.AddRange(Directory.EnumerateDirectories(home.PluginsFolder)
            .Select(Path.GetFullPath)
            .Where(d => !managed.Contains(d))
            .Order(StringComparer.Ordinal));
        return new InstalledPluginsVerification(folders, refused, loadable);
    }
}
