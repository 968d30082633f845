using System.Text.Json.Nodes;
using Dlvx.IntegrationTests.Infrastructure;

namespace Dlvx.IntegrationTests;

/// <summary>The DAP route, as VS Code uses it against a headless Delve: attach in remote mode, then requests.</summary>
public sealed class DapRouteTests(BasicSessionFixture session) : IClassFixture<BasicSessionFixture>
{
    [Fact]
    public async Task ThreadsAndStackTracePassThrough()
    {
        await session.RunToFirstStopAsync();
        await using var dap = await DapTestClient.AttachAsync(session.Address);
        var threads = await dap.RequestAsync("threads");
        Assert.True(DapTestClient.Succeeded(threads), threads.ToJsonString());
        var list = threads["body"]!["threads"]!.AsArray();
        Assert.True(list.Count >= 6, $"expected main and 5 workers: {threads.ToJsonString()}");

        var stopped = await CurrentGoroutineAsync() ?? throw new Xunit.Sdk.XunitException("no current goroutine");
        Assert.Contains(list, t => t!["id"]!.GetValue<int>() == stopped);
        var stack = await dap.RequestAsync("stackTrace", new JsonObject { ["threadId"] = stopped, ["startFrame"] = 0, ["levels"] = 20 });
        Assert.True(DapTestClient.Succeeded(stack), stack.ToJsonString());
        var names = stack["body"]!["stackFrames"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()).ToList();
        Assert.Equal("main.stop", names[0]);
        Assert.Contains("main.main", names);
    }

    [Fact]
    public async Task EvaluateOfAPluginCommandReturnsItsText()
    {
        await using var dap = await DapTestClient.AttachAsync(session.Address);
        var response = await dap.EvaluateAsync("dlv target-info");
        Assert.True(DapTestClient.Succeeded(response), response.ToJsonString());
        var result = response["body"]!["result"]!.GetValue<string>();
        Assert.Contains("Goroutines", result, StringComparison.Ordinal);
        Assert.Contains("Process", result, StringComparison.Ordinal);
        Assert.Equal(0, response["body"]!["variablesReference"]!.GetValue<int>());

        var alias = await dap.EvaluateAsync("dlv ti --json");
        Assert.True(DapTestClient.Succeeded(alias), alias.ToJsonString());
        Assert.True(JsonNode.Parse(alias["body"]!["result"]!.GetValue<string>())!["Pid"]!.GetValue<int>() > 0);
    }

    [Fact]
    public async Task DlvHelpListsDelvesCommandsAndThePluginCommands()
    {
        await using var dap = await DapTestClient.AttachAsync(session.Address);
        var response = await dap.EvaluateAsync("dlv help");
        Assert.True(DapTestClient.Succeeded(response), response.ToJsonString());
        var help = response["body"]!["result"]!.GetValue<string>();
        Assert.Contains("dlv config", help, StringComparison.Ordinal);
        Assert.Contains("dlv sources", help, StringComparison.Ordinal);
        Assert.Contains("Plugin commands (dlvx):", help, StringComparison.Ordinal);
        Assert.Contains("dlv target-info", help, StringComparison.Ordinal);
        Assert.True(help.IndexOf("dlv sources", StringComparison.Ordinal) < help.IndexOf("Plugin commands (dlvx):", StringComparison.Ordinal), help);

        var one = await dap.EvaluateAsync("dlv help target-info");
        Assert.True(DapTestClient.Succeeded(one), one.ToJsonString());
        Assert.StartsWith("target-info - ", one["body"]!["result"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownDlvCommandFailsListingTheKnownCommands()
    {
        await using var dap = await DapTestClient.AttachAsync(session.Address);
        var response = await dap.EvaluateAsync("dlv nosuch");
        Assert.False(DapTestClient.Succeeded(response));
        var message = response["message"]?.GetValue<string>() ?? "";
        var format = response["body"]?["error"]?["format"]?.GetValue<string>() ?? "";
        Assert.Contains("known commands: help, target-info, config, sources", message + format, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PluginCommandErrorsAreFailedEvaluations()
    {
        await using var dap = await DapTestClient.AttachAsync(session.Address);
        var response = await dap.EvaluateAsync("dlv target-info extra");
        Assert.False(DapTestClient.Succeeded(response));
        Assert.StartsWith("target-info: unexpected argument 'extra'", response["message"]?.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OrdinaryExpressionsStillReachDelve()
    {
        await session.RunToFirstStopAsync();
        await using var dap = await DapTestClient.AttachAsync(session.Address);
        var response = await dap.EvaluateAsync("counter");
        Assert.True(DapTestClient.Succeeded(response), response.ToJsonString());
        Assert.Equal("42", response["body"]!["result"]!.GetValue<string>());

        var qualified = await dap.EvaluateAsync("main.counter + 1");
        Assert.True(DapTestClient.Succeeded(qualified), qualified.ToJsonString());
        Assert.Equal("43", qualified["body"]?["result"]?.GetValue<string>());

        var sources = await dap.EvaluateAsync("dlv sources main.go");
        Assert.True(DapTestClient.Succeeded(sources), sources.ToJsonString());
        Assert.Contains("main.go", sources["body"]!["result"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnsupportedRequestsAreDelvesOwnAnswer()
    {
        await using var dap = await DapTestClient.AttachAsync(session.Address);
        var response = await dap.RequestAsync("nosuchrequest", new JsonObject());
        Assert.False(DapTestClient.Succeeded(response));
        Assert.Contains("Request command 'nosuchrequest' is not supported", response["body"]?["error"]?["format"]?.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(8888, response["body"]?["error"]?["id"]?.GetValue<int>());
    }

    private async Task<int?> CurrentGoroutineAsync()
    {
        using var client = await session.ConnectJsonRpcAsync();
        var state = (await client.CallAsync("RPCServer.State", new JsonObject { ["NonBlocking"] = true })).Result()["State"]!;
        return state["currentThread"]?["goroutineID"]?.GetValue<int>();
    }
}
