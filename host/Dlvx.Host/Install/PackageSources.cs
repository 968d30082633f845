using NuGet.Common;
using NuGet.Configuration;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;
using NuGet.Versioning;

namespace Dlvx.Host.Install;

/// <summary>
/// Finds and downloads plugin packages with NuGet.Protocol: from a .nupkg path, a local folder feed or a
/// NuGet v3 feed. Without <c>--source</c> the nuget.config files that apply to the current directory
/// (and the user's) decide, exactly as for <c>dotnet restore</c>.
/// </summary>
internal static class PackageSources
{
    /// <summary>Gets the requested package onto local disk under <paramref name="downloadFolder"/> (a .nupkg path is used in place).</summary>
    /// <exception cref="PluginInstallException">The package was not found or could not be downloaded.</exception>
    public static async Task<DownloadedPackage> DownloadAsync(PluginPackageRequest request, string downloadFolder, CancellationToken cancellationToken)
    {
        if (IsPackageFile(request.Package))
        {
            var file = Path.GetFullPath(request.Package);
            return File.Exists(file) ? new DownloadedPackage(file, file) : throw new PluginInstallException($"{file}: no such file");
        }

        var id = request.Package;
        if (!IsValidId(id))
        {
            throw new PluginInstallException($"'{id}' is neither a .nupkg file nor a valid package id");
        }

        NuGetVersion? wanted = null;
        if (request.Version is { } text && !NuGetVersion.TryParse(text, out wanted))
        {
            throw new PluginInstallException($"'{text}' is not a valid package version");
        }

        var sources = ResolveSources(request.Sources);
        using var cache = new SourceCacheContext { NoCache = true };
        var found = await FindAsync(id, wanted, request.Prerelease, sources, cache, cancellationToken);
        if (found is null)
        {
            var what = wanted is null ? id : $"{id} {wanted}";
            throw new PluginInstallException($"package {what} was not found in {string.Join(", ", sources.Select(s => s.Source))}");
        }

        var (version, source, resource) = found.Value;
        var path = Path.Combine(downloadFolder, $"{id}.{version.ToNormalizedString()}.nupkg".ToLowerInvariant());
        await using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            bool copied;
            try
            {
                copied = await resource.CopyNupkgToStreamAsync(id, version, stream, cache, NullLogger.Instance, cancellationToken);
            }
            catch (FatalProtocolException e)
            {
                throw new PluginInstallException($"cannot download {id} {version} from {source.Source}: {e.Message}", e);
            }

            if (!copied)
            {
                throw new PluginInstallException($"cannot download {id} {version} from {source.Source}");
            }
        }

        return new DownloadedPackage(path, source.Source);
    }

    /// <summary>The highest version of <paramref name="id"/> in the given sources, or null when there is none.</summary>
    public static async Task<(NuGetVersion Version, string Source)?> FindLatestAsync(string id, IReadOnlyList<string> sources, bool prerelease, CancellationToken cancellationToken)
    {
        using var cache = new SourceCacheContext { NoCache = true };
        var found = await FindAsync(id, null, prerelease, ResolveSources(sources), cache, cancellationToken);
        return found is { } f ? (f.Version, f.Source.Source) : null;
    }

    /// <summary>NuGet's id rule: letters, digits, '.', '_' and '-', up to 100 characters.</summary>
    private static bool IsValidId(string id) =>
        id.Length is > 0 and <= 100 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-') && !id.StartsWith('.') && !id.EndsWith('.');

    public static bool IsPackageFile(string package) => package.EndsWith(".nupkg", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The source to look in again for an update: the recorded feed, or for a package installed from a
    /// .nupkg file, the folder it was in (a folder of .nupkg files is a valid feed).
    /// </summary>
    public static string UpdateSource(string recordedSource) =>
        IsPackageFile(recordedSource) ? Path.GetDirectoryName(recordedSource) ?? recordedSource : recordedSource;

    private static async Task<(NuGetVersion Version, PackageSource Source, FindPackageByIdResource Resource)?> FindAsync(
        string id, NuGetVersion? wanted, bool prerelease, IReadOnlyList<PackageSource> sources, SourceCacheContext cache, CancellationToken cancellationToken)
    {
        (NuGetVersion Version, PackageSource Source, FindPackageByIdResource Resource)? best = null;
        var errors = new List<string>();
        foreach (var source in sources)
        {
            try
            {
                var resource = await Repository.Factory.GetCoreV3(source).GetResourceAsync<FindPackageByIdResource>(cancellationToken);
                if (resource is null)
                {
                    errors.Add($"{source.Source}: not a package source");
                    continue;
                }

                var versions = (await resource.GetAllVersionsAsync(id, cache, NullLogger.Instance, cancellationToken) ?? []).ToList();
                var candidate = wanted is null
                    ? versions.Where(v => prerelease || !v.IsPrerelease).Max()
                    : versions.FirstOrDefault(v => v == wanted);
                if (candidate is not null && (best is null || candidate > best.Value.Version!))
                {
                    best = (candidate, source, resource);
                }
            }
            catch (Exception e) when (e is FatalProtocolException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                // One unreachable feed must not hide the package in another; reported only if nothing is found.
                errors.Add($"{source.Source}: {e.Message}");
            }
        }

        if (best is null && errors.Count > 0)
        {
            throw new PluginInstallException($"package {id} was not found; some sources failed: {string.Join("; ", errors)}");
        }

        return best;
    }

    private static List<PackageSource> ResolveSources(IReadOnlyList<string> requested)
    {
        var settings = Settings.LoadDefaultSettings(Directory.GetCurrentDirectory());
        var configured = new PackageSourceProvider(settings).LoadPackageSources().ToList();
        if (requested.Count == 0)
        {
            var enabled = configured.Where(s => s.IsEnabled).ToList();
            return enabled.Count > 0 ? enabled : throw new PluginInstallException("no package sources: pass --source or add one to nuget.config");
        }

        // A --source may name a source from nuget.config (and so get its credentials), or be a URL or folder.
        return requested.Select(s =>
            configured.FirstOrDefault(c => string.Equals(c.Name, s, StringComparison.OrdinalIgnoreCase))
            ?? new PackageSource(Uri.TryCreate(s, UriKind.Absolute, out var uri) && !uri.IsFile ? s : Path.GetFullPath(s))).ToList();
    }
}
