using System.Text.Json.Nodes;
using Dlvx.Host.Api;
using Dlvx.Sdk.Testing;

namespace Dlvx.Templates.Tests;

/// <summary>
/// The author's loop with <c>--watch</c>: dlvx serves the plugin's build output, the author changes a
/// command, adds another and runs <c>dotnet build</c>, and a client that stayed connected gets the new
/// code's output and the new command. Only that plugin is reloaded: another watched plugin (heap-stats)
/// keeps the snapshot it was holding.
/// </summary>
[Collection(AuthoringCollection.Name)]
[Trait("Category", "Slow")]
public sealed class HotReloadTests(AuthoringFixture fixture)
{
    private const string OriginalLine = "text.Append(CultureInfo.InvariantCulture, $\"{total} goroutines\");";
    private const string ChangedLine = "text.Append(CultureInfo.InvariantCulture, $\"{total} goroutines, rebuilt while dlvx was watching\");";

    [Fact]
    public async Task ARebuiltPluginAnswersTheNextCallOnTheSameConnection()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var solution = Path.Combine(fixture.Root, "watched");
        FolderCopy.WithoutBuildOutput(fixture.Generated, solution);
        var project = Path.Combine(solution, "Contoso.Leaks");
        await fixture.DotnetAsync(solution, "build", project, "-c", "Release");
        var output = Path.Combine(project, "bin", "Release", "net10.0");

        var program = await GoProgram.BuildAsync(Path.Combine(fixture.Generated, "Contoso.Leaks.Tests", "testdata", "hello"), timeout.Token);
        var home = Directory.CreateDirectory(Path.Combine(fixture.Root, "homes", "watch")).FullName;

        // A second watched plugin with state of its own: a copy of the bundled heap-stats.
        var heapStats = Path.Combine(fixture.Root, "watched-heap-stats");
        FolderCopy.WithoutBuildOutput(TestPaths.HeapStatsPlugin, heapStats);
        await using var dlvx = await DlvxExecSession.StartAsync(TestPaths.Dlvx, program, new Dictionary<string, string>
        {
            ["DLVX_HOME"] = home,
            ["DLVX_PLUGINS"] = Directory.CreateDirectory(Path.Combine(home, "no-bundled")).FullName,
        }, "--plugins", output, "--plugins", heapStats, "--watch");

        using var client = await dlvx.ConnectJsonRpcAsync(timeout.Token);
        await client.CallAsync("RPCServer.CreateBreakpoint", new JsonObject { ["Breakpoint"] = new JsonObject { ["functionName"] = "main.stop" } }, timeout.Token);
        await client.CallAsync("RPCServer.Command", new JsonObject { ["name"] = "continue" }, timeout.Token);
        var before = await RunLeaksAsync(client, timeout.Token);
        Assert.Matches(@"^\d+ goroutines\n", before);
        await client.RunAsync(new RunRequest("heap-stats", ["snapshot", "before-rebuild"]), timeout.Token);

        // The author's edit, then an ordinary build into the folder dlvx is serving.
        var source = Path.Combine(project, "LeaksCommand.cs");
        var code = await File.ReadAllTextAsync(source, timeout.Token);
        Assert.Contains(OriginalLine, code, StringComparison.Ordinal);
        await File.WriteAllTextAsync(source, code.Replace(OriginalLine, ChangedLine, StringComparison.Ordinal), timeout.Token);

        // And a new command, from the item template with a namespace of its own.
        await fixture.DotnetAsync(solution, "new", "dlvx-command", "-n", "ShowStacks", "-o", "Contoso.Leaks", "--Namespace", "Contoso.Leaks.Stacks");
        Assert.Contains("namespace Contoso.Leaks.Stacks;", await File.ReadAllTextAsync(Path.Combine(project, "ShowStacksCommand.cs"), timeout.Token), StringComparison.Ordinal);
        await fixture.DotnetAsync(solution, "build", project, "-c", "Release");
        var reloaded = await dlvx.WaitForLineAsync(l => l.StartsWith("dlvx: reloaded plugins: Contoso.Leaks 1.0.0", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.Matches(@"; kept as they were: Dlvx\.Plugins\.HeapStats \S+$", reloaded);

        // The same connection: a reload may still be settling after the first reload line, so ask until
        // the new code answers (or the deadline says it never does).
        var expected = before.Replace(" goroutines\n", " goroutines, rebuilt while dlvx was watching\n", StringComparison.Ordinal);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var after = await RunLeaksAsync(client, timeout.Token);
        while (after != expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, timeout.Token);
            after = await RunLeaksAsync(client, timeout.Token);
        }

        Assert.Equal(expected, after);

        // The added command came with the same reload: the stopped goroutine's stack, from main.stop.
        var stacks = await client.RunAsync(new RunRequest("show-stacks"), timeout.Token);
        Assert.StartsWith("main.stop ", stacks.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("plugin not loaded", dlvx.Output, StringComparison.Ordinal);

        // heap-stats was not reloaded: the snapshot taken before the rebuild is still there to compare with.
        var diff = await client.RunAsync(new RunRequest("heap-stats", ["diff", "before-rebuild"]), timeout.Token);
        Assert.StartsWith("before-rebuild -> now", diff.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("reloaded plugins: Dlvx.Plugins.HeapStats", dlvx.Output, StringComparison.Ordinal);
    }

    private static async Task<string> RunLeaksAsync(JsonRpcLineClient client, CancellationToken cancellationToken) =>
        (await client.RunAsync(new RunRequest("leaks", ["-top", "1"]), cancellationToken)).Text;
}
