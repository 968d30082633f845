using System.Diagnostics;
using System.Text.Json;
using Dlvx.PluginRuntime.Commands;
using Dlvx.PluginRuntime.Plugins;
using Dlvx.Sdk;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dlvx.Host.Tests;

/// <summary>Runs the test plugin's commands through the real loader and invoker (no Delve: none of them needs a stopped target).</summary>
public sealed class CommandInvokerTests(ConflictingPluginFixture plugin) : IClassFixture<ConflictingPluginFixture>
{
    private const string Plugin = "Dlvx.TestPlugins.Conflicting";

    [Fact]
    public async Task RunsACommandWithTextAndData()
    {
        var outcome = await Invoker().InvokeAsync("te -count 2 \"a b\" c", ClientKind.JsonRpc, null, Timeout());
        Assert.True(outcome.Succeeded, outcome.Text);
        Assert.Equal("test-echo", outcome.Command);
        Assert.Equal("a b c\na b c", outcome.Text);
        Assert.Equal("a b c", outcome.Data?.GetProperty("Line").GetString());
        Assert.Equal(2, outcome.Data?.GetProperty("Count").GetInt32());
    }

    [Fact]
    public async Task JsonFlagPrintsTheData()
    {
        var outcome = await Invoker().InvokeAsync(["test-echo", "--json", "x"], ClientKind.Unknown, null, Timeout());
        Assert.True(outcome.Succeeded, outcome.Text);
        using var json = JsonDocument.Parse(outcome.Text);
        Assert.Equal("x", json.RootElement.GetProperty("Line").GetString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task JsonFlagIndentsSmallResultsAndPrintsLargeOnesCompact(bool includeData)
    {
        var small = await Invoker().InvokeAsync(["test-echo", "--json", "x"], ClientKind.Unknown, null, Timeout(), includeData);
        Assert.Contains("\n  \"Line\": \"x\"", small.Text, StringComparison.Ordinal);

        var line = new string('x', CommandInvoker.MaxIndentedJson);
        var large = await Invoker().InvokeAsync(["test-echo", "--json", line], ClientKind.Unknown, null, Timeout(), includeData);
        Assert.True(large.Succeeded, large.Text[..Math.Min(200, large.Text.Length)]);
        Assert.StartsWith("{\"Line\":\"xxx", large.Text, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', large.Text);
        using var json = JsonDocument.Parse(large.Text);
        Assert.Equal(line, json.RootElement.GetProperty("Line").GetString());
    }

    [Fact]
    public async Task HelpFlagShowsTheCommandsHelp()
    {
        var outcome = await Invoker().InvokeAsync("test-echo --help", ClientKind.Dap, null, Timeout());
        Assert.True(outcome.Succeeded);
        Assert.StartsWith("test-echo - Echoes its arguments.", outcome.Text, StringComparison.Ordinal);
        Assert.Contains("[default: 1]", outcome.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadArgumentsGiveTheErrorAndUsage()
    {
        var outcome = await Invoker().InvokeAsync("test-echo -count lots", ClientKind.JsonRpc, null, Timeout());
        Assert.False(outcome.Succeeded);
        Assert.Contains("test-echo: option -count: 'lots' is not a whole number", outcome.Text, StringComparison.Ordinal);
        Assert.Contains("Usage: test-echo [-count COUNT] [WORDS...]", outcome.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AThrowingCommandFailsWithAMessageNamingThePlugin()
    {
        var outcome = await Invoker().InvokeAsync("test-throw", ClientKind.JsonRpc, null, Timeout());
        Assert.False(outcome.Succeeded);
        Assert.Equal($"test-throw: plugin {Plugin} failed: test-throw failed on purpose", outcome.Text);
    }

    [Fact]
    public async Task ACommandThatNeverReturnsIsAbandonedAtTheTimeout()
    {
        var watch = Stopwatch.StartNew();
        var outcome = await Invoker(TimeSpan.FromMilliseconds(300)).InvokeAsync("test-hang", ClientKind.JsonRpc, null, Timeout());
        Assert.False(outcome.Succeeded);
        Assert.Equal($"test-hang: timed out after 0.3 s (plugin {Plugin})", outcome.Text);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task UnknownCommandListsTheKnownOnes()
    {
        var outcome = await Invoker().InvokeAsync("nosuch 1", ClientKind.JsonRpc, null, Timeout());
        Assert.False(outcome.Succeeded);
        Assert.Equal("unknown command 'nosuch'; known commands: target-info, test-echo, test-hang, test-throw", outcome.Text);
    }

    [Fact]
    public async Task EmptyAndUnterminatedLinesFail()
    {
        var empty = await Invoker().InvokeAsync("   ", ClientKind.JsonRpc, null, Timeout());
        Assert.False(empty.Succeeded);
        Assert.StartsWith("no command given; known commands:", empty.Text, StringComparison.Ordinal);

        var unterminated = await Invoker().InvokeAsync("test-echo \"open", ClientKind.JsonRpc, null, Timeout());
        Assert.False(unterminated.Succeeded);
        Assert.Contains("unterminated double quote", unterminated.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HelpListsEveryCommandWithSummaryAndAliases()
    {
        var invoker = Invoker();
        var outcome = await invoker.InvokeAsync("help", ClientKind.Dap, null, Timeout());
        Assert.True(outcome.Succeeded);
        Assert.StartsWith("Plugin commands (dlvx):\n", outcome.Text, StringComparison.Ordinal);
        Assert.Contains("test-echo", outcome.Text, StringComparison.Ordinal);
        Assert.Contains("Echoes its arguments. (alias: te)", outcome.Text, StringComparison.Ordinal);
        Assert.Contains("test-throw", outcome.Text, StringComparison.Ordinal);

        var prefixed = invoker.Help("dlv ");
        Assert.Contains("    dlv test-echo", prefixed.Text, StringComparison.Ordinal);
        Assert.EndsWith("Type 'dlv COMMAND --help' for a command's options.", prefixed.Text, StringComparison.Ordinal);

    }

    [Theory]
    [InlineData("help te", "te --help", "[default: 1]")]
    [InlineData("help test-echo", "test-echo --help", "[default: 1]")]
    [InlineData("help test-echo upper", "test-echo upper --help", "test-echo upper - Echoes its arguments in capitals.")]
    public async Task HelpOfACommandIsItsHelpFlagDefaultsIncluded(string help, string flag, string expected)
    {
        var invoker = Invoker();

        var viaHelp = await invoker.InvokeAsync(help, ClientKind.Dap, null, Timeout());
        var viaFlag = await invoker.InvokeAsync(flag, ClientKind.Dap, null, Timeout());

        Assert.True(viaHelp.Succeeded, viaHelp.Text);
        Assert.Equal(viaFlag.Text, viaHelp.Text);
        Assert.Contains(expected, viaHelp.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void HandlesItsCommandsAndHelpOnly()
    {
        var invoker = Invoker();
        Assert.True(invoker.Handles("help"));
        Assert.True(invoker.Handles("te"));
        Assert.True(invoker.Handles("test-hang"));
        Assert.False(invoker.Handles("config"));
        Assert.False(invoker.Handles("test"));
    }

    [Fact]
    public async Task ACommandNeedingAStoppedTargetFailsCleanlyWhenDelveIsUnreachable()
    {
        await using var targetInfo = PluginCatalog.Load([TestPaths.TargetInfoPlugin], PluginTestHost.Services(plugin.Delve));
        var invoker = new CommandInvoker(targetInfo, plugin.Delve, NullLogger.Instance, TimeSpan.FromSeconds(10));
        var outcome = await invoker.InvokeAsync("target-info", ClientKind.JsonRpc, null, Timeout());
        Assert.False(outcome.Succeeded);
        Assert.StartsWith("target-info: ", outcome.Text, StringComparison.Ordinal);
    }

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    private CommandInvoker Invoker(TimeSpan? timeout = null) => plugin.Invoker(timeout);
}
