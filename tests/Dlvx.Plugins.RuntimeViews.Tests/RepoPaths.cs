using System.Reflection;

namespace Dlvx.Plugins.RuntimeViews.Tests;

/// <summary>Where the repository's Go programs and staged plugins are, from the build's DlvxRepoRoot.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "DlvxRepoRoot").Value ?? throw new InvalidOperationException("DlvxRepoRoot is not set");

    public static string PluginFolder => Path.Combine(Root, "artifacts/plugins/Dlvx.Plugins.RuntimeViews");

    /// <summary>testdata/runtimeviews: the program that records the runtime's own figures before each stop.</summary>
    public static string Program => Path.Combine(Root, "testdata", "runtimeviews");
}
