using System.Reflection;
using Dlvx.Sdk.Testing;

namespace Dlvx.Plugins.GoroutineGraph.Tests;

/// <summary>testdata/goroutines under a real dlv, stopped at the first main.stop, with the plugin loaded from artifacts/.</summary>
public sealed class GoroutinesFixture : IAsyncLifetime
{
    public static string RepoRoot => typeof(GoroutinesFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "DlvxRepoRoot").Value!;

    public DelveSession Session { get; private set; } = null!;

    public CommandRunner Runner { get; private set; } = null!;

    /// <summary>
    /// How the target's runtime names a goroutine waiting for a locked sync.Mutex: "sync.Mutex.Lock"
    /// from Go 1.20, "semacquire" before. Read from the target's own table, as the plugin reads it.
    /// </summary>
    public string MutexWaitReason { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var binary = await GoProgram.BuildAsync(Path.Combine(RepoRoot, "testdata", "goroutines"));
        Session = await DelveSession.StartAsync(binary, stopAt: "main.stop");
        var table = await Session.Delve.EvalAsync("runtime.waitReasonStrings", config: new Dlvx.Sdk.Delve.LoadConfig { MaxArrayValues = 256, MaxStringLen = 64, MaxVariableRecurse = 1 });
        MutexWaitReason = table.Children.Any(c => c.Value == "sync.Mutex.Lock") ? "sync.Mutex.Lock" : "semacquire";
        Runner = CommandRunner.ForPluginFolders(Session.Delve, Path.Combine(RepoRoot, "artifacts", "plugins", "Dlvx.Plugins.GoroutineGraph"));
    }

    public async Task DisposeAsync()
    {
        await Runner.DisposeAsync();
        await Session.DisposeAsync();
    }
}
