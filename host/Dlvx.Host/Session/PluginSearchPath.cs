using Dlvx.Host.Install;

namespace Dlvx.Host.Session;

/// <summary>Where dlvx looks for plugins.</summary>
internal static class PluginSearchPath
{
    /// <summary>
    /// Bundled plugins (<c>$DLVX_PLUGINS</c>, else the <c>plugins</c> folder next to dlvx), installed
    /// plugins (<c>$DLVX_HOME/plugins</c>, default <c>~/.dlvx/plugins</c>), then each <c>--plugins DIR</c>.
    /// </summary>
    public static IReadOnlyList<string> Resolve(IReadOnlyList<string> explicitPaths, bool noBundled)
    {
        var paths = new List<string>();
        if (!noBundled)
        {
            var bundled = Environment.GetEnvironmentVariable("DLVX_PLUGINS");
            if (!string.IsNullOrEmpty(bundled))
            {
                paths.AddRange(bundled.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
            }
            else if (Directory.Exists(Path.Combine(AppContext.BaseDirectory, "plugins")))
            {
                paths.Add(Path.Combine(AppContext.BaseDirectory, "plugins"));
            }

        }

        // Installed plugins load with --no-bundled-plugins too; each is checked against the
        // SHA-512s recorded at install time, and a changed one is refused.
        var verified = InstalledPlugins.VerifyAsync(DlvxHome, CancellationToken.None).GetAwaiter().GetResult();
        foreach (var refused in verified.Refused)
        {
            Console.Error.WriteLine($"dlvx: plugin not loaded: {refused}");
        }

        paths.AddRange(verified.Folders);

        paths.AddRange(explicitPaths);
        return paths.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The per-user dlvx folder: <c>$DLVX_HOME</c>, default <c>~/.dlvx</c>.</summary>
    public static string DlvxHome =>
        Environment.GetEnvironmentVariable("DLVX_HOME") is { Length: > 0 } home
            ? home
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dlvx");
}
