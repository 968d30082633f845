using System.Reflection;

namespace Dlvx.Templates.Tests;

/// <summary>Where things are, from the metadata the build stamps into this assembly.</summary>
internal static class TestPaths
{
    public static string RepoRoot => Path.GetFullPath(Metadata("DlvxRepoRoot"));

    /// <summary>The dlvx apphost built in the same configuration as these tests.</summary>
    public static string Dlvx => Path.GetFullPath(Metadata("DlvxExecutable"));

    /// <summary>The bundled target-info plugin, staged by its build (a project reference of these tests).</summary>
    public static string TargetInfoPlugin => Path.Combine(RepoRoot, "artifacts", "plugins", "Dlvx.Plugins.TargetInfo");

    private static string Metadata(string key) =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
            ?? throw new InvalidOperationException($"assembly metadata {key} is missing");
}
