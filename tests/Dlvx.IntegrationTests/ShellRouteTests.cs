using System.Text.Json;
using Dlvx.IntegrationTests.Infrastructure;

namespace Dlvx.IntegrationTests;

/// <summary><c>dlvx run</c> and <c>dlvx commands</c> against a running dlvx.</summary>
public sealed class ShellRouteTests(BasicSessionFixture session) : IClassFixture<BasicSessionFixture>
{
    private string Address => session.Address.ToString();

    [Fact]
    public async Task RunPrintsTheCommandsText()
    {
        var result = await Cli.DlvxAsync("run", "--addr", Address, "target-info");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Goroutines", result.StandardOutput, StringComparison.Ordinal);
        Assert.StartsWith("Delve      1.20", result.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--json", "target-info")]
    [InlineData("target-info", "--json")]
    public async Task RunJsonPrintsTheDataAsJson(string first, string second)
    {
        var result = await Cli.DlvxAsync("run", "--addr", Address, first, second);
        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.StandardOutput);
        Assert.True(json.RootElement.GetProperty("Pid").GetInt32() > 0);
        Assert.Equal(2, json.RootElement.GetProperty("ApiVersion").GetInt32());
    }

    [Fact]
    public async Task RunPassesOptionsToThePluginCommand()
    {
        var help = await Cli.DlvxAsync("run", "--addr", Address, "ti", "--help");
        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.StartsWith("target-info - ", help.StandardOutput, StringComparison.Ordinal);

        var bad = await Cli.DlvxAsync("run", "--addr", Address, "target-info", "-bogus");
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("unknown option -bogus", bad.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownCommandExitsNonZeroWithTheErrorOnStderr()
    {
        var result = await Cli.DlvxAsync("run", "--addr", Address, "nosuch");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("unknown command 'nosuch'; known commands: target-info", result.StandardError, StringComparison.Ordinal);
        Assert.Equal("", result.StandardOutput.Trim());
    }

    [Fact]
    public async Task CommandsListsThePluginCommands()
    {
        var result = await Cli.DlvxAsync("commands", "--addr", Address);
        Assert.True(result.ExitCode == 0, result.ToString());
        var line = Assert.Single(result.StandardOutput.Trim().Split('\n'));
        Assert.StartsWith("target-info", line, StringComparison.Ordinal);
        Assert.Contains("(alias: ti)", line, StringComparison.Ordinal);
        Assert.EndsWith("[Dlvx.Plugins.TargetInfo]", line.TrimEnd(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run", "--addr", "127.0.0.1:1", "target-info")]
    [InlineData("commands", "--addr", "127.0.0.1:1")]
    [InlineData("starlark", "--addr", "127.0.0.1:1")]
    [InlineData("connect", "127.0.0.1:1")]
    public async Task EveryClientVerbSaysWhenNoDlvxIsThere(params string[] arguments)
    {
        // Port 1 on loopback: nothing listens there.
        var result = await Cli.DlvxAsync(arguments);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"dlvx {arguments[0]}: cannot reach dlvx at 127.0.0.1:1 (Connection refused). Is dlvx running?", result.StandardError, StringComparison.Ordinal);
    }
}
