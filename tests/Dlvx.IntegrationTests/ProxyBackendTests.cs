using System.Text.RegularExpressions;
using Dlvx.IntegrationTests.Infrastructure;
using Dlvx.Sdk.Testing;

namespace Dlvx.IntegrationTests;

/// <summary><c>dlvx proxy</c> refuses a Delve it cannot share, and says how to restart it.</summary>
public sealed partial class ProxyBackendTests
{
    [Fact]
    public async Task RefusesADelveWithoutAcceptMulticlient()
    {
        var binary = await GoProgram.BuildAsync(TestPaths.BasicProgram);
        await using var delve = await DelveServer.StartAsync(binary, apiVersion: 2, acceptMulticlient: false);
        var result = await ProxyAsync(delve.Address);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--accept-multiclient", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("was started without --accept-multiclient", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("dlvx listening at", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesADelveSpeakingApiV1()
    {
        var binary = await GoProgram.BuildAsync(TestPaths.BasicProgram);
        await using var delve = await DelveServer.StartAsync(binary, apiVersion: 1, acceptMulticlient: true);
        var result = await ProxyAsync(delve.Address);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("speaks API v1; dlvx needs API v2", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesAnAddressWhereNothingListens()
    {
        var result = await Cli.DlvxAsync("proxy", "--backend", "127.0.0.1:1", "--listen", "127.0.0.1:0");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Is a Delve server running there?", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServesASharableDelveAndTellsPlainDelveApart()
    {
        var binary = await GoProgram.BuildAsync(TestPaths.BasicProgram);
        await using var delve = await DelveServer.StartAsync(binary, apiVersion: 2, acceptMulticlient: true);

        var plain = await Cli.DlvxAsync("commands", "--addr", delve.Address.ToString());
        Assert.NotEqual(0, plain.ExitCode);
        Assert.Contains("is a plain Delve server, not dlvx", plain.StandardError, StringComparison.Ordinal);

        await using var proxy = ChildProcess.Start(TestPaths.Dlvx, ["proxy", "--backend", delve.Address.ToString(), "--listen", "127.0.0.1:0", "--no-bundled-plugins", "--plugins", TestPaths.TargetInfoPlugin]);
        var listening = await proxy.WaitForOutputAsync(ListeningLine(), TimeSpan.FromSeconds(60));
        var run = await Cli.DlvxAsync("run", "--addr", listening.Groups["addr"].Value, "target-info");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Goroutines", run.StandardOutput, StringComparison.Ordinal);
    }

    private static Task<CliResult> ProxyAsync(Endpoint backend) =>
        Cli.DlvxAsync("proxy", "--backend", backend.ToString(), "--listen", "127.0.0.1:0", "--no-bundled-plugins", "--plugins", TestPaths.TargetInfoPlugin);

    [GeneratedRegex(@"^dlvx listening at: (?<addr>\S+)$")]
    private static partial Regex ListeningLine();
}
