namespace Dlvx.Host.Install;

/// <summary>
/// Installs, updates and removes plugin packages under a dlvx home. Every change is prepared in a
/// staging folder next to <c>plugins</c> and committed with renames, and refused changes leave nothing
/// behind: a plugin folder is either the old one, the new one, or (for uninstall) gone.
/// </summary>
internal sealed class PluginInstaller(DlvxHomeLayout home)
{
    private static readonly TimeSpan LockPatience = TimeSpan.FromSeconds(30);

    /// <summary>Installs a package. With <paramref name="replace"/> an installed version of the same id is replaced (update).</summary>
    /// <exception cref="PluginInstallException">Refused; nothing was changed.</exception>
    public async Task<InstalledPlugin> InstallAsync(PluginPackageRequest request, bool replace, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(home.StagingFolder);
        var download = home.NewStagingFolder("download");
        try
        {
            var downloaded = await PackageSources.DownloadAsync(request, download, cancellationToken);
            var package = await PluginPackage.OpenAsync(downloaded.Path, cancellationToken);
            return await InstallPackageAsync(package, downloaded.Source, replace, cancellationToken);
        }
        finally
        {
            DeleteQuietly(download);
        }
    }

    /// <summary>Updates one plugin, or all, to the highest version in its recorded source (or <paramref name="sources"/>).</summary>
    /// <returns>For each plugin looked at: the new install, or null when it was already the newest.</returns>
    public async Task<IReadOnlyList<(string Id, string OldVersion, InstalledPlugin? Updated)>> UpdateAsync(
        string? id, IReadOnlyList<string> sources, bool prerelease, CancellationToken cancellationToken)
    {
        var installed = await InstalledPlugins.LoadAsync(home, cancellationToken);
        var targets = id is null ? installed.Plugins.ToList() : [installed.Find(id) ?? throw new PluginInstallException($"{id} is not installed")];
        var results = new List<(string, string, InstalledPlugin?)>();
        foreach (var plugin in targets)
        {
            var from = sources.Count > 0 ? sources : [PackageSources.UpdateSource(plugin.Source)];
            var latest = await PackageSources.FindLatestAsync(plugin.Id, from, prerelease, cancellationToken);
            if (latest is null || !NuGet.Versioning.NuGetVersion.TryParse(plugin.Version, out var current) || latest.Value.Version <= current)
            {
                results.Add((plugin.Id, plugin.Version, null));
                continue;
            }

            var updated = await InstallAsync(new PluginPackageRequest(plugin.Id, latest.Value.Version.ToNormalizedString(), [latest.Value.Source], prerelease), replace: true, cancellationToken);
            results.Add((plugin.Id, plugin.Version, updated));
        }

        return results;
    }

    /// <summary>Removes an installed plugin: its folder and its entry in plugins.json.</summary>
    /// <exception cref="PluginInstallException">It is not installed.</exception>
    public async Task<InstalledPlugin> UninstallAsync(string id, CancellationToken cancellationToken)
    {
        using var exclusive = await InstallLock.AcquireAsync(home, LockPatience, cancellationToken);
        var installed = await InstalledPlugins.LoadAsync(home, cancellationToken);
        var plugin = installed.Find(id) ?? throw new PluginInstallException($"{id} is not installed (see dlvx plugins list)");
        var folder = Path.Combine(home.PluginsFolder, plugin.Folder);
        Directory.CreateDirectory(home.StagingFolder);
        var removed = Path.Combine(home.StagingFolder, $"removed-{Guid.NewGuid():N}");
        var moved = false;
        if (Directory.Exists(folder))
        {
            // One rename takes the plugin out of the loader's sight; deleting the files comes after the commit.
            Directory.Move(folder, removed);
            moved = true;
        }

        try
        {
            var remaining = new InstalledPlugins { Plugins = installed.Plugins.Where(p => p != plugin).ToList() };
            await remaining.SaveAsync(home, cancellationToken);
        }
        catch
        {
            if (moved)
            {
                Directory.Move(removed, folder);
            }

            throw;
        }

        DeleteQuietly(removed);
        if (plugin.Package is { } package)
        {
            DeleteFileQuietly(Path.Combine(home.Home, package));
        }

        return plugin;
    }

    /// <summary>Every plugin under the home's plugins folder, verified and loaded as a session would.</summary>
    public async Task<IReadOnlyList<PluginStatus>> ListAsync(CancellationToken cancellationToken)
    {
        var installed = await InstalledPlugins.LoadAsync(home, cancellationToken);
        var statuses = new List<PluginStatus>();
        var managed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var plugin in installed.Plugins.OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase))
        {
            var folder = Path.Combine(home.PluginsFolder, plugin.Folder);
            managed.Add(Path.GetFullPath(folder));
            var problem = await InstalledPlugins.FindChangeAsync(home, plugin, cancellationToken);
            var status = problem is not null
                ? $"refused: changed after install ({problem})"
                : (await PluginInspector.InspectAsync(folder, cancellationToken)).Error is { } error ? $"does not load: {error}" : "ok";
            statuses.Add(new PluginStatus(plugin.Id, plugin.Version, plugin.SdkVersion, plugin.Commands, status, Managed: true));
        }

        if (Directory.Exists(home.PluginsFolder))
        {
            foreach (var folder in Directory.EnumerateDirectories(home.PluginsFolder).Select(Path.GetFullPath).Where(f => !managed.Contains(f)).Order(StringComparer.Ordinal))
            {
                var inspection = await PluginInspector.InspectAsync(folder, cancellationToken);
                statuses.Add(new PluginStatus(Path.GetFileName(folder), "", "", inspection.Commands,
                    inspection.Error is { } error ? $"does not load: {error}" : "ok (not installed by dlvx: not verified)", Managed: false));
            }
        }

        return statuses;
    }

    private async Task<InstalledPlugin> InstallPackageAsync(PluginPackage package, string source, bool replace, CancellationToken cancellationToken)
    {
        var id = package.Identity.Id;
        var version = package.Identity.Version.ToNormalizedString();
        using var exclusive = await InstallLock.AcquireAsync(home, LockPatience, cancellationToken);
        var installed = await InstalledPlugins.LoadAsync(home, cancellationToken);
        var existing = installed.Find(id);
        if (existing is not null && !replace)
        {
            throw new PluginInstallException(existing.Version == version
                ? $"{id} {version} is already installed"
                : $"{id} {existing.Version} is already installed; use dlvx plugins update {id} (or uninstall it first)");
        }

        var target = home.PluginFolder(id);
        if (existing is null && Directory.Exists(target))
        {
            throw new PluginInstallException($"{target} exists but was not installed by dlvx; remove it first");
        }

        var staged = home.NewStagingFolder("install");
        string? replaced = null;
        string? stagedPackage = null;
        try
        {
            await package.ExtractPluginAsync(staged, cancellationToken);
            var mainAssembly = Path.Combine(staged, package.Manifest.Assembly);
            if (!File.Exists(Path.ChangeExtension(mainAssembly, ".deps.json")))
            {
                throw new PluginInstallException($"{id} {version} has no {Path.GetFileNameWithoutExtension(mainAssembly)}.deps.json next to its assembly: pack it with the Dlvx.Sdk build targets");
            }

            if (HostCompatibility.Check(package.Manifest, mainAssembly) is { } incompatible)
            {
                throw new PluginInstallException($"{id} {version} is refused: {incompatible}");
            }

            var inspection = await PluginInspector.InspectAsync(staged, cancellationToken);
            if (inspection.Error is { } error)
            {
                throw new PluginInstallException($"{id} {version} is refused: it does not load: {error}");
            }

            var others = installed.Plugins.Where(p => !string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase));
            foreach (var other in others)
            {
                if (inspection.Commands.FirstOrDefault(c => other.Commands.Contains(c, StringComparer.Ordinal)) is { } clash)
                {
                    throw new PluginInstallException($"{id} {version} is refused: its command '{clash}' is already provided by installed plugin {other.Id} {other.Version}");
                }
            }

            // The package is kept (first under a temp name in the same folder, renamed at the commit) so
            // that every load can check it again against the SHA-512 taken now.
            var packageKey = DlvxHomeLayout.PackageKey(id, version);
            var keptPackage = Path.Combine(home.Home, packageKey);
            Directory.CreateDirectory(home.PackagesFolder);
            stagedPackage = Path.Combine(home.PackagesFolder, $".{Guid.NewGuid():N}.tmp");
            File.Copy(package.Path, stagedPackage);
            if (await FileHashes.OfFileAsync(stagedPackage, cancellationToken) != package.Sha512)
            {
                throw new PluginInstallException($"{id} {version}: the package changed while it was being installed");
            }

            var record = new InstalledPlugin
            {
                Id = id,
                Version = version,
                Source = source,
                Folder = DlvxHomeLayout.FolderName(id),
                Assembly = package.Manifest.Assembly,
                PackageSha512 = package.Sha512,
                Package = packageKey,
                Files = await FileHashes.OfFolderAsync(staged, cancellationToken),
                SdkVersion = package.Manifest.SdkVersion,
                Commands = [.. inspection.Commands],
                InstalledAt = DateTimeOffset.UtcNow,
            };

            // Commit: the old folder (if any) moves aside, the staged one takes its name, then the list is replaced.
            Directory.CreateDirectory(home.PluginsFolder);
            if (Directory.Exists(target))
            {
                replaced = Path.Combine(home.StagingFolder, $"replaced-{Guid.NewGuid():N}");
                Directory.Move(target, replaced);
            }

            Directory.Move(staged, target);
            File.Move(stagedPackage, keptPackage, overwrite: true);
            stagedPackage = null;
            try
            {
                var next = new InstalledPlugins { Plugins = [.. installed.Plugins.Where(p => p != existing), record] };
                await next.SaveAsync(home, cancellationToken);
            }
            catch
            {
                File.Delete(keptPackage);
                Directory.Move(target, staged);
                if (replaced is not null)
                {
                    Directory.Move(replaced, target);
                    replaced = null;
                }

                throw;
            }

            if (existing?.Package is { } old && old != packageKey)
            {
                DeleteFileQuietly(Path.Combine(home.Home, old));
            }

            return record;
        }
        finally
        {
            DeleteQuietly(staged);
            if (stagedPackage is not null)
            {
                DeleteFileQuietly(stagedPackage);
            }

            if (replaced is not null)
            {
                DeleteQuietly(replaced);
            }
        }
    }

    private static void DeleteFileQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover package outside plugins/ is never loaded.
        }
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Leftovers in .staging are never loaded; the next command's staging is a fresh folder.
        }
    }
}
