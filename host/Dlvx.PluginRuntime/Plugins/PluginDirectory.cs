namespace Dlvx.PluginRuntime.Plugins;

/// <summary>
/// Finds plugin assemblies on disk. A plugin is a folder holding publish or build output: its main
/// assembly is the one with a matching <c>.deps.json</c>. A folder without one is a folder of plugins.
/// </summary>
internal static class PluginDirectory
{
    /// <summary>Lists the main assemblies under <paramref name="path"/>, reporting folders that hold none.</summary>
    public static IReadOnlyList<string> FindPluginAssemblies(string path, ICollection<PluginLoadFailure> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        var full = Path.GetFullPath(path);
        if (File.Exists(full) && full.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            return [full];
        }

        if (!Directory.Exists(full))
        {
            failures.Add(new PluginLoadFailure(full, "plugin folder not found"));
            return [];
        }

        if (FindMainAssembly(full) is { } main)
        {
            return [main];
        }

        var found = new List<string>();
        foreach (var child in Directory.EnumerateDirectories(full).Order(StringComparer.Ordinal))
        {
            if (FindMainAssembly(child) is { } assembly)
            {
                found.Add(assembly);
            }
            else if (Directory.EnumerateFiles(child, "*.dll").Any())
            {
                failures.Add(new PluginLoadFailure(child, "no plugin assembly: expected build or publish output with a NAME.deps.json next to NAME.dll"));
            }
        }

        return found;
    }

    private static string? FindMainAssembly(string folder)
    {
        var candidates = Directory.EnumerateFiles(folder, "*.deps.json")
            .Select(deps => Path.Combine(folder, Path.GetFileName(deps)[..^".deps.json".Length] + ".dll"))
            .Where(File.Exists)
            .Order(StringComparer.Ordinal)
            .ToList();
        return candidates.Count == 1 ? candidates[0] : candidates.FirstOrDefault(c => !c.EndsWith("Dlvx.Sdk.dll", StringComparison.Ordinal));
    }
}
