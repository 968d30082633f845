using System.Reflection;
using Dlvx.Sdk.Testing;

namespace Dlvx.Plugins.GoroutineGraph.Tests;

/// <summary>testdata/goroutines under a real dlv, stopped at the first main.stop, with the plugin loaded from artifacts/.</summary>
public sealed class GoroutinesFixture : IAsyncLifetime
{
    public static string RepoRoot => typeof(GoroutinesFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "DlvxRepoRoot").Value!;

    public DelveSession Session { get; private set; } = null!;

    public CommandRunner Runner { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var binary = await GoProgram.BuildAsync(Path.Combine(RepoRoot, "testdata", "goroutines"));
        Session = await DelveSession.StartAsync(binary, stopAt: "main.stop");
        Runner = CommandRunner.ForPluginFolders(Session.Delve, Path.Combine(RepoRoot, "artifacts", "plugins", "Dlvx.Plugins.GoroutineGraph"));
    }

    public async Task DisposeAsync()
    {
        await Runner.DisposeAsync();
        await Session.DisposeAsync();
    }
}
