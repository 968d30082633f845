using System.Text.Json.Nodes;
using Dlvx.Host.Api;
using Dlvx.IntegrationTests.Infrastructure;

namespace Dlvx.IntegrationTests;

/// <summary>The JSON-RPC route: Delve's own API through the proxy, and dlvx's additions.</summary>
public sealed class JsonRpcRouteTests(BasicSessionFixture session) : IClassFixture<BasicSessionFixture>
{
    [Fact]
    public async Task DelveRequestsPassThroughTheProxy()
    {
        var (breakpoint, stop) = await session.RunToFirstStopAsync();
        Assert.Equal("step == 1", breakpoint["Cond"]?.GetValue<string>());
        Assert.Equal("main.stop", breakpoint["functionName"]?.GetValue<string>());
        Assert.Equal("main.stop", stop["currentThread"]?["function"]?["name"]?.GetValue<string>());
        Assert.Equal(breakpoint["id"]?.GetValue<int>(), stop["currentThread"]?["breakPoint"]?["id"]?.GetValue<int>());

        using var client = await session.ConnectJsonRpcAsync();
        var state = (await client.CallAsync("RPCServer.State", new JsonObject { ["NonBlocking"] = true })).Result()["State"]!;
        Assert.False(state["Running"]!.GetValue<bool>());
        Assert.True(state["Pid"]!.GetValue<int>() > 0);

        var counter = (await client.CallAsync("RPCServer.Eval", new JsonObject
        {
            ["Scope"] = new JsonObject { ["GoroutineID"] = -1, ["Frame"] = 0 },
            ["Expr"] = "main.counter",
        })).Result()["Variable"]!;
        Assert.Equal("42", counter["value"]?.GetValue<string>());
        Assert.Equal(2, counter["kind"]?.GetValue<int>());

        var frames = (await client.CallAsync("RPCServer.Stacktrace", new JsonObject { ["Id"] = -1, ["Depth"] = 10 })).Result()["Locations"]!.AsArray();
        var functions = frames.Select(f => f?["function"]?["name"]?.GetValue<string>()).ToList();
        Assert.Equal("main.stop", functions[0]);
        Assert.Contains("main.main", functions);

        var goroutines = (await client.CallAsync("RPCServer.ListGoroutines", new JsonObject { ["Start"] = 0, ["Count"] = 0 })).Result()["Goroutines"]!.AsArray();
        var workers = goroutines.Where(g => g?["startLoc"]?["function"]?["name"]?.GetValue<string>() == "main.worker").ToList();
        Assert.Equal(5, workers.Count);
        Assert.All(workers, w => Assert.Equal("main.worker", w?["userCurrentLoc"]?["function"]?["name"]?.GetValue<string>()));

        var breakpoints = (await client.CallAsync("RPCServer.ListBreakpoints", new JsonObject())).Result()["Breakpoints"]!.AsArray();
        Assert.Contains(breakpoints, b => b?["Cond"]?.GetValue<string>() == "step == 1");
    }

    [Fact]
    public async Task ListCommandsDescribesTheLoadedPlugins()
    {
        using var client = await session.ConnectJsonRpcAsync();
        var commands = (await client.CallAsync(DlvxMethods.ListCommands, new ListCommandsRequest())).Result<ListCommandsResponse>().Commands;
        var command = Assert.Single(commands);
        Assert.Equal("target-info", command.Name);
        Assert.Equal(["ti"], command.Aliases);
        Assert.Contains("goroutine count", command.Summary, StringComparison.Ordinal);
        Assert.StartsWith("target-info", command.Usage, StringComparison.Ordinal);
        Assert.Equal("Dlvx.Plugins.TargetInfo", command.Plugin);
        Assert.False(string.IsNullOrEmpty(command.PluginVersion));
    }

    [Theory]
    [InlineData("target-info")]
    [InlineData("ti")]
    public async Task DlvxRunAnswersWithTextAndData(string name)
    {
        await session.RunToFirstStopAsync();
        using var client = await session.ConnectJsonRpcAsync();
        var response = await client.CallAsync(DlvxMethods.Run, new RunRequest(name, []), TimeSpan.FromSeconds(60));
        var run = response.Result<RunResponse>();
        Assert.Equal("target-info", run.Command);
        var text = run.Text;
        Assert.Contains("Goroutines", text, StringComparison.Ordinal);
        Assert.Contains("Delve      1.20", text, StringComparison.Ordinal);
        var data = response.Result()["Data"]!;
        Assert.True(data["Pid"]!.GetValue<int>() > 0, data.ToJsonString());
        Assert.Equal(2, data["ApiVersion"]!.GetValue<int>());
        Assert.True(data["Goroutines"]!.GetValue<int>() >= 6, data.ToJsonString());
        Assert.Equal("main.stop", data["Location"]?["Function"]?.GetValue<string>());
        Assert.Equal(1, data["GoroutineId"]?.GetValue<int>());
    }

    [Fact]
    public async Task EvalOfADlvCommandReturnsAStringVariable()
    {
        using var client = await session.ConnectJsonRpcAsync();
        var variable = (await client.CallAsync("RPCServer.Eval", new JsonObject
        {
            ["Scope"] = new JsonObject { ["GoroutineID"] = -1 },
            ["Expr"] = "dlv target-info",
        }, TimeSpan.FromSeconds(60))).Result()["Variable"]!;
        Assert.Equal(24, variable["kind"]?.GetValue<int>());
        Assert.Equal("string", variable["type"]?.GetValue<string>());
        var value = variable["value"]!.GetValue<string>();
        Assert.Contains("Goroutines", value, StringComparison.Ordinal);
        Assert.Equal(value.Length, variable["len"]?.GetValue<int>());
    }

    [Fact]
    public async Task EvalOfAnUnknownDlvCommandListsTheKnownCommands()
    {
        using var client = await session.ConnectJsonRpcAsync();
        var response = await client.CallAsync("RPCServer.Eval", new JsonObject { ["Scope"] = new JsonObject { ["GoroutineID"] = -1 }, ["Expr"] = "dlv nosuch" });
        Assert.Equal("unknown command 'nosuch'; known commands: target-info", response.Error);
        Assert.Null(response.Raw["result"]);
    }

    [Theory]
    [InlineData("extra", "target-info: unexpected argument 'extra'")]
    [InlineData("-bogus", "target-info: unknown option -bogus (this command takes no options)")]
    public async Task BadArgumentsAnswerWithTheErrorAndUsage(string argument, string expected)
    {
        using var client = await session.ConnectJsonRpcAsync();
        var response = await client.CallAsync(DlvxMethods.Run, new RunRequest("target-info", [argument]));
        Assert.NotNull(response.Error);
        Assert.StartsWith(expected, response.Error, StringComparison.Ordinal);
        Assert.Contains("\nUsage: target-info", response.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HelpThroughDlvxRunListsThePluginCommands()
    {
        using var client = await session.ConnectJsonRpcAsync();
        var result = (await client.CallAsync(DlvxMethods.Run, new RunRequest("help"))).Result<RunResponse>();
        Assert.Contains("Plugin commands (dlvx):", result.Text, StringComparison.Ordinal);

        var help = (await client.CallAsync(DlvxMethods.Run, new RunRequest("target-info", ["--help"]))).Result<RunResponse>();
        Assert.StartsWith("target-info - ", help.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedDlvxRunParametersAreErrors()
    {
        using var client = await session.ConnectJsonRpcAsync();
        // Hand-built on purpose: these are requests the typed RunRequest cannot express.
        var noCommand = await client.CallAsync(DlvxMethods.Run, new JsonObject());
        Assert.StartsWith("Dlvx.Run: params must be", noCommand.Error, StringComparison.Ordinal);

        var badArgs = await client.CallAsync(DlvxMethods.Run, new JsonObject { ["Command"] = "target-info", ["Args"] = new JsonArray(1, 2) });
        Assert.Equal("Dlvx.Run: Args must be an array of strings", badArgs.Error);

        var unknownMethod = await client.CallAsync("Dlvx.NoSuch", new JsonObject());
        Assert.StartsWith("unknown method: Dlvx.NoSuch", unknownMethod.Error, StringComparison.Ordinal);

        var unknownDelveMethod = await client.CallAsync("RPCServer.NoSuch", new JsonObject());
        Assert.Contains("RPCServer.NoSuch", unknownDelveMethod.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARequestWithoutParamsIsAnsweredAndTheConnectionStaysUsable()
    {
        using var client = await session.ConnectJsonRpcAsync();
        await client.SendRawAsync("""{"method":"RPCServer.State","id":"no-params"}""");
        var response = await client.ReadNextAsync(JsonRpcTestClient.DefaultTimeout);
        Assert.NotNull(response);
        Assert.Equal("\"no-params\"", response.Id?.ToJsonString());
        Assert.Contains("\"params\" must be an array holding one object", response.Error, StringComparison.Ordinal);

        await client.SendRawAsync("""{"method":"RPCServer.State","params":[],"id":"empty-params"}""");
        var empty = await client.ReadNextAsync(JsonRpcTestClient.DefaultTimeout);
        Assert.Contains("\"params\" must be an array", empty?.Error, StringComparison.Ordinal);

        await client.SendRawAsync("""{"params":[{}],"id":"no-method"}""");
        var noMethod = await client.ReadNextAsync(JsonRpcTestClient.DefaultTimeout);
        Assert.Contains("no \"method\"", noMethod?.Error, StringComparison.Ordinal);

        var state = await client.CallAsync("RPCServer.State", new JsonObject { ["NonBlocking"] = true });
        Assert.NotNull(state.Result()["State"]);
    }

    [Theory]
    [InlineData("garbage\n")]
    [InlineData("{\"method\": nonsense}\n")]
    public async Task MalformedJsonIsAnsweredAndClosedAndAFreshConnectionWorks(string garbage)
    {
        using (var client = await session.ConnectJsonRpcAsync())
        {
            await client.SendRawAsync(garbage);
            var response = await client.ReadNextAsync(JsonRpcTestClient.DefaultTimeout);
            Assert.NotNull(response);
            Assert.Contains("dlvx: malformed JSON-RPC", response.Error, StringComparison.Ordinal);
            Assert.Contains("closing the connection", response.Error, StringComparison.Ordinal);
            Assert.True(await client.IsClosedByServerAsync(TimeSpan.FromSeconds(10)), "dlvx should close a connection it cannot resynchronise");
        }

        using var fresh = await session.ConnectJsonRpcAsync();
        Assert.NotNull((await fresh.CallAsync("RPCServer.State", new JsonObject { ["NonBlocking"] = true })).Result()["State"]);
        Assert.NotEmpty((await fresh.CallAsync(DlvxMethods.ListCommands, new ListCommandsRequest())).Result<ListCommandsResponse>().Commands);
    }

    [Fact]
    public async Task SwitchingToApiV1IsRefusedAndTheSessionStaysOnV2()
    {
        using var client = await session.ConnectJsonRpcAsync();
        var refused = await client.CallAsync("RPCServer.SetApiVersion", new JsonObject { ["APIVersion"] = 1 });
        Assert.Contains("API v1 was refused", refused.Error, StringComparison.Ordinal);
        var version = (await client.CallAsync("RPCServer.GetVersion", new JsonObject())).Result();
        Assert.Equal(2, version["APIVersion"]?.GetValue<int>());
        var allowed = await client.CallAsync("RPCServer.SetApiVersion", new JsonObject { ["APIVersion"] = 2 });
        Assert.Null(allowed.Error);
    }

    [Fact]
    public async Task PipelinedRequestsInOneWriteAreAllAnswered()
    {
        using var client = await session.ConnectJsonRpcAsync();
        await client.SendRawAsync(
            """{"method":"RPCServer.GetVersion","params":[{}],"id":101}""" +
            """{"method":"Dlvx.ListCommands","params":[{}],"id":102} """ +
            """{"method":"RPCServer.Eval","params":[{"Scope":{"GoroutineID":-1},"Expr":"dlv nosuch {\"}"}],"id":103}""" + "\n" +
            """{"method":"RPCServer.State","params":[{"NonBlocking":true}],"id":104}""");
        var answers = new Dictionary<int, JsonRpcResponse>();
        foreach (var id in new[] { 101, 102, 103, 104 })
        {
            answers[id] = await client.ReadResponseAsync(id, JsonRpcTestClient.DefaultTimeout);
        }

        Assert.NotNull(answers[101].Result()["DelveVersion"]);
        Assert.NotNull(answers[102].Result()["Commands"]);
        Assert.StartsWith("unterminated double quote in: nosuch {\"}", answers[103].Error, StringComparison.Ordinal);
        Assert.NotNull(answers[104].Result()["State"]);
    }

    [Fact]
    public async Task AClientRunningOnlyPluginCommandsReachesDelveWithItsFirstDelveRequestWhoseAnswersKeepTheirOrder()
    {
        await session.RunToFirstStopAsync();
        using var client = await session.ConnectJsonRpcAsync();
        var opened = await DelveConnectionsOpenedAsync(client);
        for (var i = 0; i < 3; i++)
        {
            var run = await client.CallAsync(DlvxMethods.Run, new RunRequest("target-info", ["--json"]), TimeSpan.FromSeconds(60));
            Assert.Equal("main.stop", run.Result<RunResponse>().Data?.GetProperty("Location").GetProperty("Function").GetString());
        }

        Assert.Equal(opened, await DelveConnectionsOpenedAsync(client));

        // Eval is synchronous in Delve, so its answers come back in request order; the plugin
        // commands around them may overtake them, as they always could.
        await client.SendRawAsync(
            """{"method":"Dlvx.Run","params":[{"Command":"target-info"}],"id":10}""" +
            """{"method":"RPCServer.Eval","params":[{"Scope":{"GoroutineID":-1},"Expr":"main.counter"}],"id":11}""" +
            """{"method":"RPCServer.Eval","params":[{"Scope":{"GoroutineID":-1},"Expr":"main.counter + 1"}],"id":12}""" +
            """{"method":"Dlvx.Run","params":[{"Command":"target-info"}],"id":13}""");
        var fromDelve = new List<(string Id, string Value)>();
        var fromPlugins = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var reply = await client.ReadNextAsync(TimeSpan.FromSeconds(60)) ?? throw new Xunit.Sdk.XunitException($"closed after {i} replies");
            var result = reply.Result();
            if (result["Variable"] is { } variable)
            {
                fromDelve.Add((reply.Id!.ToJsonString(), variable["value"]!.GetValue<string>()));
            }
            else
            {
                Assert.Contains("Goroutines", result["Text"]!.GetValue<string>(), StringComparison.Ordinal);
                fromPlugins.Add(reply.Id!.ToJsonString());
            }
        }

        Assert.Equal([("11", "42"), ("12", "43")], fromDelve);
        Assert.Equal(["10", "13"], fromPlugins.Order(StringComparer.Ordinal));
        Assert.Equal(opened + 1, await DelveConnectionsOpenedAsync(client));
    }

    private static async Task<long> DelveConnectionsOpenedAsync(JsonRpcTestClient client) =>
        (await client.CallAsync(DlvxMethods.Stats, new StatsRequest())).Result<StatsResponse>().DelveConnectionsOpened;
}
