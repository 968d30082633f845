using System.Text.Json.Nodes;

namespace Dlvx.IntegrationTests.Infrastructure;

/// <summary>
/// testdata/goroutines (known goroutines, channels and a locked mutex) under dlvx with heap-stats and
/// goroutine-graph loaded from their build output, as a third-party plugin would be.
/// </summary>
public sealed class FlagshipSessionFixture : DlvxSessionFixture
{
    private readonly Lazy<Task> stopped;

    public FlagshipSessionFixture() => stopped = new Lazy<Task>(StopAsync);

    protected override string ProgramPath => TestPaths.GoroutinesProgram;

    protected override IEnumerable<string> ExtraArguments => ["--plugins", TestPaths.HeapStatsPlugin, "--plugins", TestPaths.GoroutineGraphPlugin];

    /// <summary>Runs the target, once per session, to its first stop in main.stop, where every goroutine is parked.</summary>
    public Task StopInMainStopAsync() => stopped.Value;

    private async Task StopAsync()
    {
        using var client = await ConnectJsonRpcAsync();
        (await client.CallAsync("RPCServer.CreateBreakpoint", new JsonObject { ["Breakpoint"] = new JsonObject { ["functionName"] = "main.stop" } })).Result();
        var state = (await client.CallAsync("RPCServer.Command", new JsonObject { ["name"] = "continue" }, TimeSpan.FromSeconds(60))).Result()["State"]!;
        if (state["exited"]?.GetValue<bool>() ?? false)
        {
            throw new InvalidOperationException($"the target exited instead of stopping in main.stop: {state.ToJsonString()}");
        }
    }
}
