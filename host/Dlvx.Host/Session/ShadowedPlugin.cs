namespace Dlvx.Host.Session;

/// <summary>An installed plugin left out because a <c>--plugins</c> folder holds a build of the same plugin.</summary>
/// <param name="Id">The installed package's id.</param>
/// <param name="InstalledVersion">The installed package's version.</param>
/// <param name="BuildAssembly">The main assembly of the <c>--plugins</c> build loaded instead.</param>
internal sealed record ShadowedPlugin(string Id, string InstalledVersion, string BuildAssembly)
{
    /// <summary>The one line dlvx prints about it.</summary>
    public override string ToString() =>
        $"dlvx: {Id}: loading the --plugins build in {Path.GetDirectoryName(BuildAssembly)}, not the installed {Id} {InstalledVersion}";
}
