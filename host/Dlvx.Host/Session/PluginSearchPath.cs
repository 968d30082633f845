using Dlvx.Host.Install;
using Dlvx.PluginRuntime.Plugins;

namespace Dlvx.Host.Session;

/// <summary>Where dlvx looks for plugins.</summary>
internal static class PluginSearchPath
{
    /// <summary>
    /// Bundled plugins (<c>$DLVX_PLUGINS</c>, else the <c>plugins</c> folder next to dlvx), installed
    /// plugins (<c>$DLVX_HOME/plugins</c>, default <c>~/.dlvx/plugins</c>), then each <c>--plugins DIR</c>.
    /// An installed plugin that a <c>--plugins</c> folder also holds (the same package id, or the same main
    /// assembly) is left out: that folder is the build its author is working on, and the loader would
    /// otherwise keep the first of the two, the installed one.
    /// </summary>
    public static ResolvedPluginPaths Resolve(IReadOnlyList<string> explicitPaths, bool noBundled)
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

        var builds = explicitPaths.SelectMany(path => PluginDirectory.FindPluginAssemblies(path, new List<PluginLoadFailure>())).ToList();
        var shadowed = new List<ShadowedPlugin>();
        foreach (var folder in verified.Folders)
        {
            if (verified.Installed.TryGetValue(folder, out var installed) && builds.FirstOrDefault(build => IsBuildOf(build, installed)) is { } build)
            {
                shadowed.Add(new ShadowedPlugin(installed.Id, installed.Version, build));
                continue;
            }

            paths.Add(folder);
        }

        paths.AddRange(explicitPaths);
        return new ResolvedPluginPaths(paths.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToList(), shadowed);
    }

    private static bool IsBuildOf(string buildAssembly, InstalledPlugin installed) =>
        string.Equals(Path.GetFileName(buildAssembly), Path.GetFileName(installed.Assembly), StringComparison.Ordinal)
        || string.Equals(Path.GetFileNameWithoutExtension(buildAssembly), installed.Id, StringComparison.OrdinalIgnoreCase);

    /// <summary>The per-user dlvx folder: <c>$DLVX_HOME</c>, default <c>~/.dlvx</c>.</summary>
    public static string DlvxHome =>
        Environment.GetEnvironmentVariable("DLVX_HOME") is { Length: > 0 } home
            ? home
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dlvx");
}
