using System.Text.Json.Nodes;
using Dlvx.IntegrationTests.Infrastructure;
using Dlvx.Sdk.Testing;

namespace Dlvx.IntegrationTests.Reliability;

/// <summary>
/// The front port is loopback unless the user says otherwise, as with Delve: a non-loopback address
/// is refused before anything starts, and allowed only with --allow-non-loopback and Delve's warning.
/// </summary>
public sealed class ListenAddressTests
{
    [Theory]
    [InlineData("0.0.0.0:0")]
    [InlineData("[::]:0")]
    public async Task ANonLoopbackAddressIsRefusedWithoutTheFlag(string listen)
    {
        var binary = await GoProgram.BuildAsync(TestPaths.BasicProgram);
        await using var dlvx = ChildProcess.Start(TestPaths.Dlvx, ["exec", binary, "--listen", listen, "--no-bundled-plugins"]);

        var code = await dlvx.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.NotEqual(0, code);
        Assert.Contains($"refusing to listen on {listen}: it is not a loopback address", dlvx.StandardError, StringComparison.Ordinal);
        Assert.Contains("Pass --allow-non-loopback to do it anyway.", dlvx.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("listening at", dlvx.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithTheFlagItListensOnEveryInterfaceAndWarnsAsDelveDoes()
    {
        var binary = await GoProgram.BuildAsync(TestPaths.BasicProgram);
        await using var dlvx = ChildProcess.Start(TestPaths.Dlvx, ["exec", binary, "--listen", "0.0.0.0:0", "--allow-non-loopback", "--no-bundled-plugins"]);

        var address = await dlvx.WaitForDlvxAddressAsync(TimeSpan.FromSeconds(60));
        Assert.Equal("0.0.0.0", address.Host);
        Assert.Contains("Warning: listening for remote connections (connections are not authenticated nor encrypted)", dlvx.StandardError, StringComparison.Ordinal);

        using var rpc = await JsonRpcTestClient.ConnectAsync(address with { Host = "127.0.0.1" });
        Assert.Null((await rpc.CallAsync("RPCServer.State", new JsonObject { ["NonBlocking"] = true })).Error);
    }

    [Fact]
    public async Task TheDefaultAddressIsLoopback()
    {
        var help = await Cli.DlvxAsync("exec", "--help");
        Assert.Contains("[default: 127.0.0.1:4040]", help.StandardOutput, StringComparison.Ordinal);
    }
}
