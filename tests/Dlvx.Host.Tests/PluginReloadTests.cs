using Dlvx.PluginRuntime.Commands;
using Dlvx.PluginRuntime.Plugins;
using Dlvx.Sdk;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dlvx.Host.Tests;

/// <summary>
/// A reload loads only the plugin whose files changed: the others stay the same instances, with the
/// same services and the state they hold, and retiring the old catalog does not dispose them.
/// </summary>
public sealed class PluginReloadTests
{
    private const string TargetInfoName = "Dlvx.Plugins.TargetInfo";
    private const string FailingName = "Dlvx.TestPlugins.Failing";

    [Fact]
    public async Task OnlyTheChangedPluginIsLoadedAgainAndTheKeptOneOutlivesTheOldCatalog()
    {
        using var folder = new TempFolder();
        var targetInfo = folder.CopyOf(TestPaths.TargetInfoPlugin, "target-info");
        var failing = folder.CopyOf(TestPaths.FailingPlugin, "failing");
        await using var delve = PluginTestHost.UnusedDelve();
        var services = PluginTestHost.Services(delve);
        var first = PluginCatalog.Load([targetInfo, failing], services);
        Assert.Empty(first.Failures);
        Assert.Empty(first.Kept);
        var firstTargetInfo = first.Plugins.Single(p => p.Name == TargetInfoName);
        var firstFailing = first.Plugins.Single(p => p.Name == FailingName);

        // What a rebuild of the failing plugin does to its folder: a file rewritten with other bytes.
        var deps = Path.Combine(failing, FailingName + ".deps.json");
        await File.AppendAllTextAsync(deps, "\n");
        var second = first.Reload([targetInfo, failing], services);

        Assert.Empty(second.Failures);
        Assert.Same(firstTargetInfo, Assert.Single(second.Kept));
        var secondFailing = second.Plugins.Single(p => p.Name == FailingName);
        Assert.NotSame(firstFailing, secondFailing);
        Assert.NotEqual(firstFailing.Fingerprint, secondFailing.Fingerprint);

        // Retiring the first catalog disposes the plugin it lost, not the one it handed over.
        await first.DisposeAsync();
        Assert.Throws<ObjectDisposedException>(() => firstFailing.Services.GetService(typeof(ICommand)));
        var invoker = new CommandInvoker(second, delve, NullLogger.Instance, TimeSpan.FromSeconds(30));
        var help = await invoker.InvokeAsync("target-info --help", ClientKind.Unknown, null, CancellationToken.None);
        Assert.True(help.Succeeded, help.Text);
        Assert.StartsWith("target-info - ", help.Text, StringComparison.Ordinal);

        // Nothing changed since: everything is kept.
        var third = second.Reload([targetInfo, failing], services);
        Assert.Equal(second.Plugins, third.Kept);
        await second.DisposeAsync();
        Assert.True((await new CommandInvoker(third, delve, NullLogger.Instance).InvokeAsync("always-fails --help", ClientKind.Unknown, null, CancellationToken.None)).Succeeded);
        await third.DisposeAsync();
    }

    [Fact]
    public async Task APluginWhoseFolderIsGoneIsDroppedAndANewOneLoaded()
    {
        using var folder = new TempFolder();
        var targetInfo = folder.CopyOf(TestPaths.TargetInfoPlugin, "target-info");
        var plugins = folder.Sub("plugins");
        await using var delve = PluginTestHost.UnusedDelve();
        var services = PluginTestHost.Services(delve);
        await using var first = PluginCatalog.Load([targetInfo, plugins], services);
        Assert.Equal([TargetInfoName], first.Plugins.Select(p => p.Name));

        // A folder of plugins gains one (an install); the target-info folder is removed.
        folder.CopyOf(TestPaths.FailingPlugin, Path.Combine("plugins", "failing"));
        Directory.Delete(targetInfo, recursive: true);
        await using var second = first.Reload([targetInfo, plugins], services);

        Assert.Equal([FailingName], second.Plugins.Select(p => p.Name));
        Assert.Empty(second.Kept);
    }
}
