using System.Reflection;

namespace Dlvx.Host.Tests;

/// <summary>Where the repository and the test plugins are, from the metadata the build stamps into this assembly.</summary>
internal static class TestPaths
{
    public static string RepoRoot => Metadata("DlvxRepoRoot");

    public static string TargetInfoPlugin => Path.Combine(RepoRoot, "artifacts", "plugins", "Dlvx.Plugins.TargetInfo");

    public static string ConflictingPlugin => Metadata("ConflictingPluginOutput");

    /// <summary>A plugin with one command, always-fails, that needs nothing from Delve to be listed.</summary>
    public static string FailingPlugin => Metadata("FailingPluginOutput");

    private static string Metadata(string key) =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
            ?? throw new InvalidOperationException($"assembly metadata {key} is missing");
}
