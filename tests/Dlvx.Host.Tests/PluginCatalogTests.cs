using Dlvx.PluginRuntime.Plugins;

namespace Dlvx.Host.Tests;

public sealed class PluginCatalogTests
{
    private const string TargetInfoName = "Dlvx.Plugins.TargetInfo";
    private const string ConflictingName = "Dlvx.TestPlugins.Conflicting";

    [Fact]
    public async Task LoadsTheTargetInfoPluginThroughTheIsolatedLoader()
    {
        await using var delve = PluginTestHost.UnusedDelve();
        await using var catalog = PluginCatalog.Load([TestPaths.TargetInfoPlugin], PluginTestHost.Services(delve));

        Assert.Empty(catalog.Failures);
        var plugin = Assert.Single(catalog.Plugins);
        Assert.Equal(TargetInfoName, plugin.Name);
        Assert.Equal("0.1.0", plugin.Version);
        Assert.Equal(Path.Combine(TestPaths.TargetInfoPlugin, TargetInfoName + ".dll"), plugin.AssemblyPath);
        Assert.NotNull(plugin.SdkVersion);
        var (command, owner) = Assert.Single(catalog.Commands);
        Assert.Same(plugin, owner);
        Assert.Equal("target-info", command.Name);
        Assert.Equal(["ti"], command.Aliases);
        Assert.Contains("goroutine count", command.Summary, StringComparison.Ordinal);
        Assert.True(command.RequiresStoppedTarget);

        // Isolation: the command type lives in the plugin's own load context, not the default one.
        Assert.NotEqual(
            System.Runtime.Loader.AssemblyLoadContext.Default,
            System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(command.Type.Assembly));

        Assert.Equal("target-info", catalog.Resolve(["ti", "--json"])?.Command.Name);
        Assert.Equal(["--json"], catalog.Resolve(["target-info", "--json"])?.Arguments);
        Assert.Null(catalog.Resolve(["nosuch"]));
        Assert.Null(catalog.Resolve([]));
        Assert.True(catalog.IsRootName("target-info"));
        Assert.True(catalog.IsRootName("ti"));
        Assert.False(catalog.IsRootName("target"));
    }

    [Fact]
    public async Task LoadsASingleAssemblyPath()
    {
        await using var delve = PluginTestHost.UnusedDelve();
        await using var catalog = PluginCatalog.Load([Path.Combine(TestPaths.TargetInfoPlugin, TargetInfoName + ".dll")], PluginTestHost.Services(delve));
        Assert.Empty(catalog.Failures);
        Assert.Equal(TargetInfoName, Assert.Single(catalog.Plugins).Name);
    }

    [Fact]
    public async Task AMissingFolderIsReportedWithItsPathAndTheRestStillLoad()
    {
        var missing = Path.Combine(Path.GetTempPath(), "dlvx-no-such-plugin-folder-" + Guid.NewGuid().ToString("N"));
        await using var delve = PluginTestHost.UnusedDelve();
        await using var catalog = PluginCatalog.Load([missing, TestPaths.TargetInfoPlugin], PluginTestHost.Services(delve));

        var failure = Assert.Single(catalog.Failures);
        Assert.Equal(missing, failure.Path);
        Assert.Equal("plugin folder not found", failure.Reason);
        Assert.Contains(missing, failure.ToString(), StringComparison.Ordinal);
        Assert.Equal(TargetInfoName, Assert.Single(catalog.Plugins).Name);
    }

    [Fact]
    public async Task AFolderOfPluginFoldersLoadsEachAndReportsFoldersWithoutAPlugin()
    {
        using var temp = new TempFolder();
        temp.CopyOf(TestPaths.TargetInfoPlugin, "a-target-info");
        var loose = temp.Sub("b-loose-dll");
        File.Copy(typeof(Xunit.Abstractions.ITest).Assembly.Location, Path.Combine(loose, "xunit.abstractions.dll"));
        temp.Sub("c-empty");

        await using var delve = PluginTestHost.UnusedDelve();
        await using var catalog = PluginCatalog.Load([temp.Path], PluginTestHost.Services(delve));

        Assert.Equal(TargetInfoName, Assert.Single(catalog.Plugins).Name);
        var failure = Assert.Single(catalog.Failures);
        Assert.Equal(loose, failure.Path);
        Assert.Contains("no plugin assembly", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANonPluginAssemblyIsReportedAndTheRestStillLoad()
    {
        using var temp = new TempFolder();
        var folder = temp.Sub("not-a-plugin");
        File.Copy(typeof(Xunit.Abstractions.ITest).Assembly.Location, Path.Combine(folder, "xunit.abstractions.dll"));
        await File.WriteAllTextAsync(Path.Combine(folder, "xunit.abstractions.deps.json"), MinimalDepsJson("xunit.abstractions"));

        await using var delve = PluginTestHost.UnusedDelve();
        await using var catalog = PluginCatalog.Load([folder, TestPaths.TargetInfoPlugin], PluginTestHost.Services(delve));

        var failure = Assert.Single(catalog.Failures);
        Assert.Equal(Path.Combine(folder, "xunit.abstractions.dll"), failure.Path);
        Assert.Contains("not a dlvx plugin", failure.Reason, StringComparison.Ordinal);
        Assert.Equal(TargetInfoName, Assert.Single(catalog.Plugins).Name);
    }

    [Fact]
    public async Task TwoPluginsClaimingOneCommandNameAreReportedNamingBoth()
    {
        await using var delve = PluginTestHost.UnusedDelve();
        await using var catalog = PluginCatalog.Load([TestPaths.TargetInfoPlugin, TestPaths.ConflictingPlugin], PluginTestHost.Services(delve));

        Assert.Equal(TargetInfoName, Assert.Single(catalog.Plugins).Name);
        var failure = Assert.Single(catalog.Failures);
        Assert.Equal(Path.Combine(Path.GetFullPath(TestPaths.ConflictingPlugin), ConflictingName + ".dll"), failure.Path);
        Assert.Contains("'target-info'", failure.Reason, StringComparison.Ordinal);
        Assert.Contains(ConflictingName, failure.Reason, StringComparison.Ordinal);
        Assert.Contains(TargetInfoName, failure.Reason, StringComparison.Ordinal);
        Assert.Contains("already claimed", failure.Reason, StringComparison.Ordinal);

        // The loser's other commands are not half-registered.
        Assert.Null(catalog.Resolve(["test-echo"]));
    }

    [Fact]
    public async Task TheFirstPluginToClaimANameWins()
    {
        await using var delve = PluginTestHost.UnusedDelve();
        await using var catalog = PluginCatalog.Load([TestPaths.ConflictingPlugin, TestPaths.TargetInfoPlugin], PluginTestHost.Services(delve));

        Assert.Equal(ConflictingName, Assert.Single(catalog.Plugins).Name);
        var failure = Assert.Single(catalog.Failures);
        Assert.Contains($"of plugin {TargetInfoName}", failure.Reason, StringComparison.Ordinal);
        Assert.Contains($"by plugin {ConflictingName}", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSamePluginInTwoFoldersLoadsOnce()
    {
        using var temp = new TempFolder();
        var copy = temp.CopyOf(TestPaths.TargetInfoPlugin, "copy");
        await using var delve = PluginTestHost.UnusedDelve();
        await using var catalog = PluginCatalog.Load([TestPaths.TargetInfoPlugin, copy], PluginTestHost.Services(delve));

        Assert.Single(catalog.Plugins);
        var failure = Assert.Single(catalog.Failures);
        Assert.Contains("skipped", failure.Reason, StringComparison.Ordinal);
        Assert.StartsWith(copy, failure.Path, StringComparison.Ordinal);
    }

    private static string MinimalDepsJson(string name) => $$"""
        {
          "runtimeTarget": { "name": ".NETCoreApp,Version=v10.0" },
          "targets": { ".NETCoreApp,Version=v10.0": { "{{name}}/1.0.0": { "runtime": { "{{name}}.dll": {} } } } },
          "libraries": { "{{name}}/1.0.0": { "type": "project", "serviceable": false, "sha512": "" } }
        }
        """;
}
