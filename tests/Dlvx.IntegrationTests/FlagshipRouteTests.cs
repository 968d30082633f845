using System.Text.Json.Nodes;
using Dlvx.Host.Api;
using Dlvx.IntegrationTests.Infrastructure;

namespace Dlvx.IntegrationTests;

/// <summary>
/// The flagship commands through every client route on one stopped target: JSON-RPC
/// (Dlvx.Run and Eval of <c>dlv CMD</c>), DAP evaluate, the dlv terminal and <c>dlvx run</c>. Every
/// route must print the same text, because the target does not move between the calls.
/// </summary>
public sealed class FlagshipRouteTests(FlagshipSessionFixture session) : IClassFixture<FlagshipSessionFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData("goroutine-graph", "goroutine_graph")]
    [InlineData("heap-stats", "heap_stats")]
    [InlineData("goroutine-leaks", "goroutine_leaks")]
    [InlineData("chan-stats", "chan_stats")]
    [InlineData("heap-path main.stuck", "heap_path")]
    [InlineData("heap-stats --dominators -top 3", "heap_stats")]
    public async Task EveryRoutePrintsTheSameText(string command, string terminalName)
    {
        await session.StopInMainStopAsync();
        using var client = await session.ConnectJsonRpcAsync();
        var words = command.Split(' ');
        var text = (await client.CallAsync(DlvxMethods.Run, new RunRequest(words[0], words[1..]), Patience)).Result<RunResponse>().Text;
        Assert.NotEmpty(text);

        var eval = (await client.CallAsync("RPCServer.Eval", new JsonObject { ["Scope"] = new JsonObject { ["GoroutineID"] = -1 }, ["Expr"] = $"dlv {command}" }, Patience)).Result();
        Assert.Equal(text, eval["Variable"]!["value"]!.GetValue<string>());

        await using (var dap = await DapTestClient.AttachAsync(session.Address))
        {
            var evaluated = await dap.EvaluateAsync($"dlv {command}");
            Assert.True(DapTestClient.Succeeded(evaluated), evaluated.ToJsonString());
            Assert.Equal(text, evaluated["body"]!["result"]!.GetValue<string>());
        }

        var shell = await Cli.DlvxAsync(["run", "--addr", session.Address.ToString(), .. words]);
        Assert.True(shell.ExitCode == 0, shell.ToString());
        Assert.Equal(text.TrimEnd('\n'), shell.StandardOutput.TrimEnd('\n'));

        // The terminal prints the text as it is, after its own prompt.
        var terminal = await Cli.RunAsync(TestPaths.Dlvx, ["connect", session.Address.ToString(), "--", "--allow-non-terminal-interactive"], $"{terminalName}{command[words[0].Length..]}\nexit\n", Patience);
        Assert.Contains(text.TrimEnd('\n'), terminal.StandardOutput.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GoroutineGraphDataIsTheSameOverJsonRpcAndTheShell()
    {
        await session.StopInMainStopAsync();
        using var client = await session.ConnectJsonRpcAsync();
        var data = (await client.CallAsync(DlvxMethods.Run, new RunRequest("goroutine-graph", ["-s", "blocking"]), Patience)).Result()["Data"]!;

        var shell = await Cli.DlvxAsync("run", "--addr", session.Address.ToString(), "goroutine-graph", "-s", "blocking", "--json");
        Assert.True(shell.ExitCode == 0, shell.ToString());
        Assert.True(JsonNode.DeepEquals(data, JsonNode.Parse(shell.StandardOutput)), $"JSON-RPC:\n{data.ToJsonString()}\nshell:\n{shell.StandardOutput}");

        // testdata/goroutines parks 7 + 3 senders, 4 receivers, 2 mutex waiters, 1 select and 2 sleepers.
        Assert.Equal(19, data["Total"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("goroutine-graph -format nosuch", "goroutine-graph: ")]
    [InlineData("goroutine-graph -group-by nosuch", "goroutine-graph: ")]
    [InlineData("heap-stats -top -1", "heap-stats: ")]
    [InlineData("heap-path", "heap-path: ")]
    [InlineData("heap-stats --dominators -top x", "heap-stats: ")]
    [InlineData("goroutine-leaks extra", "goroutine-leaks: ")]
    public async Task BadOptionsAreErrorsAndTheSessionStaysUsable(string commandLine, string prefix)
    {
        await session.StopInMainStopAsync();
        using var client = await session.ConnectJsonRpcAsync();
        var eval = await client.CallAsync("RPCServer.Eval", new JsonObject { ["Scope"] = new JsonObject { ["GoroutineID"] = -1 }, ["Expr"] = $"dlv {commandLine}" }, Patience);
        Assert.StartsWith(prefix, eval.Error, StringComparison.Ordinal);
        Assert.Contains("Usage:", eval.Error, StringComparison.Ordinal);

        var after = (await client.CallAsync(DlvxMethods.Run, new RunRequest("goroutine-graph", ["-s", "blocking"]), Patience)).Result<RunResponse>();
        Assert.StartsWith("19 goroutines in ", after.Text, StringComparison.Ordinal);
    }
}
