namespace Dlvx.IntegrationTests.Infrastructure;

/// <summary>Where things are, from the metadata the build stamps into this assembly.</summary>
internal static class TestPaths
{
    public static string RepoRoot => Metadata("DlvxRepoRoot");

    /// <summary>The dlvx apphost built in the same configuration as these tests.</summary>
    public static string Dlvx => Path.GetFullPath(Metadata("DlvxExecutable"));

    public static string TargetInfoPlugin => Path.Combine(RepoRoot, "artifacts", "plugins", "Dlvx.Plugins.TargetInfo");

    public static string HeapStatsPlugin => Path.Combine(RepoRoot, "artifacts", "plugins", "Dlvx.Plugins.HeapStats");

    public static string GoroutineGraphPlugin => Path.Combine(RepoRoot, "artifacts", "plugins", "Dlvx.Plugins.GoroutineGraph");

    public static string RuntimeViewsPlugin => Path.Combine(RepoRoot, "artifacts", "plugins", "Dlvx.Plugins.RuntimeViews");

    /// <summary>testdata/runtimeviews: records the runtime's own figures (ReadMemStats, GOMAXPROCS, NumGoroutine) before each stop.</summary>
    public static string RuntimeViewsProgram => Path.Combine(RepoRoot, "testdata", "runtimeviews");

    /// <summary>testdata/goroutines: the program with a known goroutine structure.</summary>
    public static string GoroutinesProgram => Path.Combine(RepoRoot, "testdata", "goroutines");

    /// <summary>testdata/leaks: 10 goroutines that can never run again and 4 that only look stuck.</summary>
    public static string LeaksProgram => Path.Combine(RepoRoot, "testdata", "leaks");

    public static string FaultyPlugin => Path.Combine(RepoRoot, "tests", "plugins", "Dlvx.TestPlugins.Faulty", "bin", Configuration, "net10.0");

    /// <summary>A plugin whose one command, always-fails, always fails.</summary>
    public static string FailingPlugin => Path.Combine(RepoRoot, "tests", "plugins", "Dlvx.TestPlugins.Failing", "bin", Configuration, "net10.0");

    public static string BasicProgram => Path.Combine(RepoRoot, "testdata", "basic");

    /// <summary>testdata/launch: the program the F5 tests (dlvx dap) build and debug.</summary>
    public static string LaunchProgram => Path.Combine(RepoRoot, "testdata", "launch");

    /// <summary>demo/leaky: the program <c>dlvx demo</c> debugs (leaked goroutines, a growing cache).</summary>
    public static string DemoProgram => Path.Combine(RepoRoot, "demo", "leaky");

    /// <summary>Where the build stages the bundled plugins (what <c>./dlvx</c> loads as $DLVX_PLUGINS).</summary>
    public static string StagedPlugins => Path.Combine(RepoRoot, "artifacts", "plugins");

    /// <summary>Where test.sh collects results; what a test keeps for people to look at goes here.</summary>
    public static string TestResults => Path.Combine(RepoRoot, "artifacts", "test-results");

    /// <summary>The configuration these tests (and the projects they reference) were built in.</summary>
    public const string Configuration = BuildMetadata.Configuration;

    private static string Metadata(string key) => BuildMetadata.Get(key);
}
