using System.Text.Json;
using Dlvx.Host.Api;

namespace Dlvx.Templates.Tests;

/// <summary>
/// The author's plugin installed and being worked on at once: a <c>--plugins</c> build wins over the
/// installed package and dlvx says so once, on stdout; <c>plugins install</c> and <c>update</c> say that
/// running sessions keep what they loaded until they reload, and <c>dlvx plugins reload</c> does it.
/// </summary>
[Collection(AuthoringCollection.Name)]
[Trait("Category", "Slow")]
public sealed class DevLoopTests(AuthoringFixture fixture)
{
    [Fact]
    public async Task APluginsBuildWinsOverTheInstalledPackageAndDlvxSaysSoOnceOnStdout()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var (_, buildOutput) = await fixture.NewerPluginAsync();
        var home = NewHome("shadowed");
        var install = await DlvxPlugins.RunAsync(home, "install", "Contoso.Leaks", "--source", fixture.PluginFeed);
        Assert.True(install.ExitCode == 0, install.Output);
        Assert.Contains("dlvx sessions already running do not have Contoso.Leaks until they reload their plugins: run 'dlvx plugins reload' (add --addr HOST:PORT for a session not on 127.0.0.1:4040), or restart them", install.Output, StringComparison.Ordinal);

        var program = await Dlvx.Sdk.Testing.GoProgram.BuildAsync(Path.Combine(fixture.Generated, "Contoso.Leaks.Tests", "testdata", "hello"), timeout.Token);
        await using var dlvx = await DlvxExecSession.StartAsync(TestPaths.Dlvx, program, SessionEnvironment(home), "--plugins", buildOutput);
        using var client = await dlvx.ConnectJsonRpcAsync(timeout.Token);

        Assert.Equal("1.0.1", await LeaksVersionAsync(client, timeout.Token));
        var notice = $"dlvx: Contoso.Leaks: loading the --plugins build in {buildOutput}, not the installed Contoso.Leaks 1.0.0";
        Assert.Equal([notice], dlvx.StandardOutput.Split('\n').Where(l => l.Contains("Contoso.Leaks", StringComparison.Ordinal)).Select(l => l.TrimEnd('\r')));
        Assert.DoesNotContain("already loaded from another folder", dlvx.Output, StringComparison.Ordinal);

        // A reload finds the same two and says nothing more about them.
        var reload = await ChildProcess.RunAsync(TestPaths.Dlvx, ["plugins", "reload", "--addr", dlvx.Address.ToString()], home, TimeSpan.FromMinutes(1), SessionEnvironment(home));
        Assert.True(reload.ExitCode == 0, reload.Output);
        Assert.Equal($"dlvx at {dlvx.Address}: no plugin changed", reload.StandardOutput.Trim());
        Assert.Equal(1, dlvx.StandardOutput.Split('\n').Count(l => l.StartsWith(notice, StringComparison.Ordinal)));
        Assert.Equal("1.0.1", await LeaksVersionAsync(client, timeout.Token));
    }

    [Fact]
    public async Task AfterAnUpdateARunningSessionKeepsTheOldVersionUntilPluginsReload()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var (feed, _) = await fixture.NewerPluginAsync();
        var home = NewHome("updated");
        Assert.Equal(0, (await DlvxPlugins.RunAsync(home, "install", "Contoso.Leaks", "--source", fixture.PluginFeed)).ExitCode);

        var program = await Dlvx.Sdk.Testing.GoProgram.BuildAsync(Path.Combine(fixture.Generated, "Contoso.Leaks.Tests", "testdata", "hello"), timeout.Token);
        await using var dlvx = await DlvxExecSession.StartAsync(TestPaths.Dlvx, program, SessionEnvironment(home));
        using var client = await dlvx.ConnectJsonRpcAsync(timeout.Token);
        Assert.Equal("1.0.0", await LeaksVersionAsync(client, timeout.Token));

        var update = await DlvxPlugins.RunAsync(home, "update", "Contoso.Leaks", "--source", feed);
        Assert.True(update.ExitCode == 0, update.Output);
        Assert.Contains("updated Contoso.Leaks 1.0.0 -> 1.0.1", update.Output, StringComparison.Ordinal);
        Assert.Contains("dlvx sessions already running keep Contoso.Leaks 1.0.0 until they reload their plugins: run 'dlvx plugins reload' (add --addr HOST:PORT for a session not on 127.0.0.1:4040), or restart them", update.Output, StringComparison.Ordinal);

        // What the message says: the session still runs 1.0.0 ...
        Assert.Equal("1.0.0", await LeaksVersionAsync(client, timeout.Token));

        // ... until it reloads, which loads the update and nothing else.
        var reload = await ChildProcess.RunAsync(TestPaths.Dlvx, ["plugins", "reload", "--addr", dlvx.Address.ToString()], home, TimeSpan.FromMinutes(1), SessionEnvironment(home));
        Assert.True(reload.ExitCode == 0, reload.Output);
        Assert.Equal($"dlvx at {dlvx.Address}: reloaded plugins: Contoso.Leaks 1.0.0 -> 1.0.1", reload.StandardOutput.Trim());
        Assert.Equal("1.0.1", await LeaksVersionAsync(client, timeout.Token));
        Assert.StartsWith("leaks - ", (await client.RunAsync(new RunRequest("leaks", ["--help"]), timeout.Token)).Text, StringComparison.Ordinal);
    }

    private static async Task<string?> LeaksVersionAsync(JsonRpcLineClient client, CancellationToken cancellationToken)
    {
        var list = (await client.CallAsync(DlvxMethods.ListCommands, new ListCommandsRequest(), cancellationToken)).Deserialize<ListCommandsResponse>(DlvxApiJson.Options)!;
        return list.Commands.SingleOrDefault(c => c.Name == "leaks")?.PluginVersion;
    }

    private static Dictionary<string, string> SessionEnvironment(string home) => new()
    {
        ["DLVX_HOME"] = home,
        ["DLVX_PLUGINS"] = Directory.CreateDirectory(Path.Combine(home, "no-bundled")).FullName,
    };

    private string NewHome(string name) => Directory.CreateDirectory(Path.Combine(fixture.Root, "homes", "dev-loop-" + name)).FullName;
}
