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

            var installed = Path.Combine(DlvxHome, "plugins");
            if (Directory.Exists(installed))
            {
                paths.Add(installed);
            }
        }

        paths.AddRange(explicitPaths);
        return paths.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The per-user dlvx folder: <c>$DLVX_HOME</c>, default <c>~/.dlvx</c>.</summary>
    public static string DlvxHome =>
        Environment.GetEnvironmentVariable("DLVX_HOME") is { Length: > 0 } home
            ? home
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dlvx");
}
