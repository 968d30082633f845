namespace Dlvx.Host.Install;

/// <summary>One plugin installed by <c>dlvx plugins install</c>, as recorded in <c>$DLVX_HOME/plugins.json</c>.</summary>
internal sealed record InstalledPlugin
{
    public required string Id { get; init; }

    public required string Version { get; init; }

    /// <summary>Where it came from: a .nupkg path, a folder feed or a feed URL; <c>update</c> looks there again.</summary>
    public required string Source { get; init; }

    /// <summary>The folder under <c>$DLVX_HOME/plugins</c> that holds it.</summary>
    public required string Folder { get; init; }

    /// <summary>The main assembly's file name.</summary>
    public required string Assembly { get; init; }

    /// <summary>SHA-512 of the .nupkg it was installed from (base64, as NuGet writes .nupkg.sha512).</summary>
    public required string PackageSha512 { get; init; }

    /// <summary>
    /// The kept copy of that .nupkg, relative to the dlvx home (<c>packages/ID.VERSION.nupkg</c>); its
    /// SHA-512 is checked against <see cref="PackageSha512"/> before each load. Null for plugins installed
    /// before packages were kept.
    /// </summary>
    public string? Package { get; init; }

    /// <summary>SHA-512 of every installed file, by path relative to <see cref="Folder"/>; checked before each load.</summary>
    public required Dictionary<string, string> Files { get; init; }

    public required string SdkVersion { get; init; }

    /// <summary>Command names and aliases it declares, for collision checks without loading it.</summary>
    public required List<string> Commands { get; init; }

    public DateTimeOffset InstalledAt { get; init; }
}
