using System.Diagnostics;
using System.Text.Json.Nodes;
using Dlvx.Host.Api;
using Dlvx.IntegrationTests.Infrastructure;

namespace Dlvx.IntegrationTests;

/// <summary>A plugin command on a running target answers at once instead of blocking behind Delve.</summary>
public sealed class RunningTargetTests(WaitingSessionFixture session) : IClassFixture<WaitingSessionFixture>
{
    [Fact]
    public async Task PluginCommandsRefuseARunningTargetAndHaltStillWorks()
    {
        using var runner = await session.ConnectJsonRpcAsync();
        using var client = await session.ConnectJsonRpcAsync();

        // No breakpoints: the target runs past its stops into an hour-long sleep.
        var continueId = await runner.SendAsync("RPCServer.Command", new JsonObject { ["name"] = "continue" });
        await WaitUntilRunningAsync(client);

        // The target sleeps for an hour: a refusal that waited for it to stop would never come, so each
        // call's deadline is what catches blocking, generous for a loaded machine.
        var run = await client.CallAsync(DlvxMethods.Run, new RunRequest("target-info"), TimeSpan.FromSeconds(60));
        Assert.Equal("target-info: target is running; halt it first", run.Error);
        var eval = await client.CallAsync("RPCServer.Eval", new JsonObject { ["Scope"] = new JsonObject { ["GoroutineID"] = -1 }, ["Expr"] = "dlv ti" }, TimeSpan.FromSeconds(60));
        Assert.Equal("target-info: target is running; halt it first", eval.Error);
        foreach (var flagship in new[] { "heap-stats", "goroutine-graph" })
        {
            var refused = await client.CallAsync(DlvxMethods.Run, new RunRequest(flagship), TimeSpan.FromSeconds(60));
            Assert.Equal($"{flagship}: target is running; halt it first", refused.Error);
        }

        // Commands that do not need the target still work while it runs.
        Assert.NotEmpty((await client.CallAsync(DlvxMethods.ListCommands, new ListCommandsRequest(), TimeSpan.FromSeconds(10))).Result<ListCommandsResponse>().Commands);

        var halted = (await client.CallAsync("RPCServer.Command", new JsonObject { ["name"] = "halt" }, TimeSpan.FromSeconds(30))).Result()["State"]!;
        Assert.False(halted["Running"]!.GetValue<bool>());
        var continued = await runner.ReadResponseAsync(continueId, TimeSpan.FromSeconds(30));
        Assert.Null(continued.Error);
        Assert.False(continued.Result()["State"]!["exited"]?.GetValue<bool>() ?? false);

        var after = (await client.CallAsync(DlvxMethods.Run, new RunRequest("target-info"), TimeSpan.FromSeconds(60))).Result<RunResponse>();
        Assert.Contains("Goroutines", after.Text, StringComparison.Ordinal);
    }

    private static async Task WaitUntilRunningAsync(JsonRpcTestClient client)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            var state = (await client.CallAsync("RPCServer.State", new JsonObject { ["NonBlocking"] = true })).Result()["State"]!;
            if (state["Running"]!.GetValue<bool>())
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException("the target never reported Running after continue");
    }
}
