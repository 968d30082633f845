using System.Reflection;

namespace Dlvx.Plugins.HeapStats.Tests;

/// <summary>Where the repository's Go programs and staged plugins are, from the build's DlvxRepoRoot.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "DlvxRepoRoot").Value ?? throw new InvalidOperationException("DlvxRepoRoot is not set");

    public static string PluginFolder => Path.Combine(Root, "artifacts/plugins/Dlvx.Plugins.HeapStats");

    public static string TestData(string name) => Path.Combine(Root, "testdata", name);
}
