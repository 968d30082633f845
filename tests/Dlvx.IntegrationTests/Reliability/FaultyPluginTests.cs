using System.Diagnostics;
using System.Text.Json.Nodes;
using Dlvx.Host.Api;
using Dlvx.IntegrationTests.Infrastructure;

namespace Dlvx.IntegrationTests.Reliability;

/// <summary>A plugin that throws, returns garbage, floods or hangs leaves every other client and command working.</summary>
public sealed class FaultyPluginTests(FaultySessionFixture session) : IClassFixture<FaultySessionFixture>
{
    private static RunRequest Run(string command, params string[] args) => new(command, args);

    [Fact]
    public async Task AThrowingCommandIsAnErrorNamingThePluginAndTheSessionStaysUsable()
    {
        await session.RunToFirstStopAsync();
        using var client = await session.ConnectJsonRpcAsync();
        var failed = await client.CallAsync(DlvxMethods.Run, Run("fault-throw"));
        Assert.Contains("Dlvx.TestPlugins.Faulty", failed.Error, StringComparison.Ordinal);
        Assert.Contains("the plugin failed on purpose", failed.Error, StringComparison.Ordinal);

        var value = await client.CallAsync("RPCServer.Eval", new JsonObject { ["Scope"] = new JsonObject { ["GoroutineID"] = -1 }, ["Expr"] = "main.counter" });
        Assert.Equal("42", value.Result()["Variable"]!["value"]!.GetValue<string>());
        var other = await client.CallAsync(DlvxMethods.Run, Run("target-info"));
        Assert.Null(other.Error);
    }

    [Fact]
    public async Task DataThatCannotBeSerialisedIsAnErrorNotABrokenConnection()
    {
        await session.RunToFirstStopAsync();
        using var client = await session.ConnectJsonRpcAsync();
        var failed = await client.CallAsync(DlvxMethods.Run, Run("fault-garbage"));
        Assert.Contains("cannot be serialised", failed.Error, StringComparison.Ordinal);
        Assert.Null((await client.CallAsync("RPCServer.State", new JsonObject { ["NonBlocking"] = true })).Error);
    }

    [Fact]
    public async Task MegabytesOfOutputArriveWholeOverJsonRpcAndDap()
    {
        await session.RunToFirstStopAsync();
        using var client = await session.ConnectJsonRpcAsync();
        var reply = await client.CallAsync(DlvxMethods.Run, Run("fault-huge", "-mb", "8"), TimeSpan.FromSeconds(60));
        var text = reply.Result<RunResponse>().Text;
        Assert.Equal(8 * 1024 * 1024, text.Length);
        Assert.EndsWith("x!", text, StringComparison.Ordinal);

        await using var dap = await DapTestClient.AttachAsync(session.Address);
        var evaluated = await dap.RequestAsync("evaluate", new JsonObject { ["expression"] = "dlv fault-huge -mb 4", ["context"] = "repl" }, TimeSpan.FromSeconds(60));
        Assert.Equal(4 * 1024 * 1024, evaluated["body"]!["result"]!.GetValue<string>().Length);
        Assert.True(DapTestClient.Succeeded(await dap.RequestAsync("threads")));
    }

    [Theory]
    [InlineData("fault-never")]
    [InlineData("fault-ignore-cancel")]
    public async Task ACommandThatNeverReturnsIsAbandonedAtItsTimeoutWithoutBlockingTheConnection(string command)
    {
        await session.RunToFirstStopAsync();
        using var client = await session.ConnectJsonRpcAsync();
        var watch = Stopwatch.StartNew();
        var hanging = await client.SendAsync(DlvxMethods.Run, Run(command));

        // The same connection keeps working while the command hangs: the Eval is answered first,
        // while the hanging command's answer (its timeout) has not arrived yet. Order, not a clock.
        var value = await client.CallAsync("RPCServer.Eval", new JsonObject { ["Scope"] = new JsonObject { ["GoroutineID"] = -1 }, ["Expr"] = "main.counter" }, TimeSpan.FromSeconds(60));
        Assert.Equal("42", value.Result()["Variable"]!["value"]!.GetValue<string>());
        Assert.False(client.HasAnswered(hanging), $"Eval was answered only after the hanging command's timeout ({watch.Elapsed})");

        var abandoned = await client.ReadResponseAsync(hanging, TimeSpan.FromSeconds(60));
        Assert.Contains("timed out after 3 s", abandoned.Error, StringComparison.Ordinal);
        // Never before its timeout; how long after depends on the machine's load, so no upper bound here.
        Assert.True(watch.Elapsed.TotalSeconds >= FaultySessionFixture.CommandTimeoutSeconds - 0.5, $"abandoned after {watch.Elapsed}");

        // Other clients and commands still work.
        await using var dap = await DapTestClient.AttachAsync(session.Address);
        var info = await dap.EvaluateAsync("dlv target-info");
        Assert.True(DapTestClient.Succeeded(info), info.ToJsonString());
    }
}
