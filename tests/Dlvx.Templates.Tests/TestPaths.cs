using Dlvx.IntegrationTests.Infrastructure;

namespace Dlvx.Templates.Tests;

/// <summary>Where things are, from the metadata the build stamps into this assembly.</summary>
internal static class TestPaths
{
    public static string RepoRoot => Path.GetFullPath(Metadata("DlvxRepoRoot"));

    /// <summary>The dlvx apphost built in the same configuration as these tests.</summary>
    public static string Dlvx => Path.GetFullPath(Metadata("DlvxExecutable"));

    /// <summary>The bundled target-info plugin, staged by its build (a project reference of these tests).</summary>
    public static string TargetInfoPlugin => Path.Combine(RepoRoot, "artifacts", "plugins", "Dlvx.Plugins.TargetInfo");

    /// <summary>The bundled heap-stats plugin, staged by its build (a project reference of these tests).</summary>
    public static string HeapStatsPlugin => Path.Combine(RepoRoot, "artifacts", "plugins", "Dlvx.Plugins.HeapStats");

    /// <summary>The configuration these tests (and the projects they reference) were built in.</summary>
    public const string Configuration = BuildMetadata.Configuration;

    private static string Metadata(string key) => BuildMetadata.Get(key);
}
