using System.Text.Json;
using System.Text.Json.Nodes;
using Dlvx.Host.Api;
using Dlvx.IntegrationTests.Infrastructure;

namespace Dlvx.IntegrationTests;

/// <summary>
/// A command's progress reaches the user over every route that can show it: JSON-RPC <c>Dlvx.Run</c>
/// (as <c>Dlvx.Progress</c> notifications, when asked for), DAP (output events), <c>dlvx run</c> on a
/// terminal (a bar on stderr), and from a plugin isolated in a worker process (see IsolatedPluginTests).
/// The progress comes from a real command, test-progress, reporting "progress step N of 3".
/// </summary>
public sealed class ProgressRouteTests(FaultySessionFixture session) : IClassFixture<FaultySessionFixture>
{
    /// <summary>The first report always passes the one-a-second throttle, whatever the machine's speed.</summary>
    internal const string FirstStep = "progress step 1 of 3";

    [Fact]
    public async Task DlvxRunSendsProgressNotificationsToAClientThatAsksForThem()
    {
        using var client = await session.ConnectJsonRpcAsync();
        var reply = await client.CallAsync(DlvxMethods.Run, new RunRequest("test-progress", Progress: true), TimeSpan.FromSeconds(60));
        Assert.Equal("3 steps done", reply.Result<RunResponse>().Text);

        // The answer waits for the progress it reported, so the notification came first.
        Assert.All(client.Notifications, n => Assert.Equal(DlvxMethods.Progress, n["method"]?.GetValue<string>()));
        var progress = client.Notifications.First()["params"]![0].Deserialize<ProgressNotification>(DlvxApiJson.Options)!;
        Assert.Equal(FirstStep, progress.Message);
        Assert.Equal("test-progress", progress.Command);
        Assert.Equal(1.0 / 3, progress.Fraction!.Value, 6);
    }

    [Fact]
    public async Task DlvxRunSendsNoProgressToAClientThatDidNotAsk()
    {
        // Go's net/rpc client (the dlv terminal, GoLand) drops the connection on a message it did not ask for.
        using var client = await session.ConnectJsonRpcAsync();
        var reply = await client.CallAsync(DlvxMethods.Run, new RunRequest("test-progress"), TimeSpan.FromSeconds(60));
        Assert.Equal("3 steps done", reply.Result<RunResponse>().Text);
        Assert.Null((await client.CallAsync("RPCServer.State", new JsonObject { ["NonBlocking"] = true })).Error);
        Assert.Empty(client.Notifications);
    }

    [Fact]
    public async Task DapEvaluateShowsProgressAsOutputBeforeTheResult()
    {
        await using var dap = await DapTestClient.AttachAsync(session.Address);
        var response = await dap.EvaluateAsync("dlv test-progress");
        Assert.True(DapTestClient.Succeeded(response), response.ToJsonString());
        Assert.Equal("3 steps done", response["body"]!["result"]!.GetValue<string>());
        Assert.Contains(dap.Events, e => e["event"]?.GetValue<string>() == "output" && e["body"]?["output"]?.GetValue<string>() == FirstStep + "\n");
    }

    [Fact]
    public async Task DlvxRunOnATerminalDrawsAProgressBarOnStandardError()
    {
        // script(1) gives dlvx run a pseudo-terminal, as an interactive shell would.
        var run = await Cli.RunAsync("script", ["-qec", $"{TestPaths.Dlvx} run --addr {session.Address} test-progress", "/dev/null"], null, Cli.DefaultTimeout);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(FirstStep, run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("\u001b[36m[########", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("3 steps done", run.StandardOutput, StringComparison.Ordinal);

        var plain = await Cli.RunAsync("script", ["-qec", $"env NO_COLOR=1 {TestPaths.Dlvx} run --addr {session.Address} test-progress", "/dev/null"], null, Cli.DefaultTimeout);
        Assert.True(plain.ExitCode == 0, plain.ToString());
        Assert.Contains(FirstStep, plain.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("[########", plain.StandardOutput, StringComparison.Ordinal);
        // No colour (SGR) sequences; .NET's own terminal set-up sequence (keypad mode) is not colour.
        Assert.DoesNotContain("\u001b[36m", plain.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[0m", plain.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DlvxRunIntoAFileOrPipeShowsNoProgress()
    {
        var run = await Cli.DlvxAsync("run", "--addr", session.Address.ToString(), "test-progress");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("3 steps done", run.StandardOutput.Trim());
        Assert.DoesNotContain("progress step", run.StandardError, StringComparison.Ordinal);
    }
}
