using Dlvx.Host.Api;
using Dlvx.IntegrationTests.Infrastructure;

namespace Dlvx.IntegrationTests;

/// <summary>The dlv terminal through <c>dlvx connect</c>: plugin commands as native terminal commands.</summary>
public sealed class TerminalRouteTests(BasicSessionFixture session) : IClassFixture<BasicSessionFixture>
{
    private static readonly TimeSpan TerminalTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task PluginCommandsAndDelveCommandsRunInTheTerminal()
    {
        await session.RunToFirstStopAsync();

        // At exit dlv asks whether to kill the headless instance and reads EOF (dlv then exits with 2):
        // the session survives.
        var result = await ConnectAsync("target_info\nprint counter\nti\nexit\n");
        Assert.Contains("Goroutines", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Stopped at main.stop", result.StandardOutput, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\(dlv\) 42$", result.StandardOutput.ReplaceLineEndings("\n"));
        Assert.Equal(2, CountOf(result.StandardOutput, "Goroutines"));

        using var client = await session.ConnectJsonRpcAsync();
        Assert.NotNull((await client.CallAsync("RPCServer.State", new System.Text.Json.Nodes.JsonObject { ["NonBlocking"] = true })).Result()["State"]);
    }

    [Fact]
    public async Task HelpShowsThePluginCommandWithItsSummary()
    {
        using var client = await session.ConnectJsonRpcAsync();
        var summary = (await client.CallAsync(DlvxMethods.ListCommands, new ListCommandsRequest())).Result<ListCommandsResponse>().Commands[0].Summary;
        var result = await ConnectAsync("help\nhelp target_info\nexit\n");
        var output = result.StandardOutput + result.StandardError;
        var line = output.ReplaceLineEndings("\n").Split('\n').FirstOrDefault(l => l.TrimStart().StartsWith("target_info", StringComparison.Ordinal));
        Assert.True(line is not null, output);
        Assert.Contains(summary, line, StringComparison.Ordinal);
        Assert.Contains("Would you like to kill the headless instance?", output, StringComparison.Ordinal);
        Assert.Contains("Usage: target_info", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PluginErrorsArePrintedByTheTerminal()
    {
        var result = await ConnectAsync("target_info extra\nexit\n");
        Assert.Contains("unexpected argument 'extra'", result.StandardOutput + result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StarlarkPrintsTheTerminalScript()
    {
        var remote = await Cli.DlvxAsync("starlark", "--addr", session.Address.ToString());
        Assert.True(remote.ExitCode == 0, remote.ToString());
        Assert.Contains("def command_target_info(args):", remote.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("def command_ti(args):", remote.StandardOutput, StringComparison.Ordinal);

        var local = await Cli.DlvxAsync("starlark", "--plugins", TestPaths.TargetInfoPlugin);
        Assert.True(local.ExitCode == 0, local.ToString());
        Assert.Contains("def command_target_info(args):", local.StandardOutput, StringComparison.Ordinal);
    }

    private Task<CliResult> ConnectAsync(string input) =>
        Cli.RunAsync(TestPaths.Dlvx, ["connect", session.Address.ToString(), "--", "--allow-non-terminal-interactive"], input, TerminalTimeout);

    private static int CountOf(string text, string part) => text.Split(part).Length - 1;
}
