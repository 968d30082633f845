namespace Dlvx.Host.Install;

/// <summary>What the user asked to install.</summary>
/// <param name="Package">A package id, or the path of a .nupkg file.</param>
/// <param name="Version">An exact version, or null for the highest available.</param>
/// <param name="Sources">
/// <c>--source</c> values (feed URLs, folder feeds, or names of sources in nuget.config); empty means
/// the enabled sources of the nuget.config files that apply to the current directory.
/// </param>
/// <param name="Prerelease">Whether the highest available version may be a pre-release.</param>
internal sealed record PluginPackageRequest(string Package, string? Version, IReadOnlyList<string> Sources, bool Prerelease);
