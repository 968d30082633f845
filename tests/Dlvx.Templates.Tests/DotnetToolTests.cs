using System.Text.Json.Nodes;
using Dlvx.Sdk.Testing;

namespace Dlvx.Templates.Tests;

/// <summary>
/// dlvx as a .NET tool: the README's "Install as a dotnet tool" commands, run as written (the tool path
/// aside), give a dlvx that serves a Go program with the bundled plugins it carries. Their first command,
/// <c>./dlvx sdk pack</c>, is also the authoring guide's first, which <see cref="AuthoringFixture"/> ran
/// in the same reader's environment; the rest run here, in that environment, outside the checkout.
/// </summary>
[Collection(AuthoringCollection.Name)]
[Trait("Category", "Slow")]
public sealed class DotnetToolTests(AuthoringFixture fixture)
{
    private const string Section = "Install as a dotnet tool";
    private const string DocumentedToolPath = "~/.dlvx/tool";

    [Fact]
    public async Task TheReadmesToolCommandsInstallADlvxThatServesWithTheBundledPlugins()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var commands = MarkdownCommands.Read(Path.Combine(TestPaths.RepoRoot, "README.md")).Where(c => c.Section == Section).ToList();
        Assert.Equal(3, commands.Count);
        Assert.Equal(AuthoringGuide.Commands[0].CommandLine, commands[0].CommandLine);
        Assert.Equal($"dotnet tool install --tool-path {DocumentedToolPath} --prerelease Dlvx.Host", commands[1].CommandLine);
        Assert.Equal($"{DocumentedToolPath}/dlvx --version", commands[2].CommandLine);

        // The README installs under the home folder; the test installs into its own temp folder instead.
        var toolPath = Path.Combine(fixture.Root, "tool");
        ProcessResult? last = null;
        foreach (var command in commands.Skip(1))
        {
            var words = command.Words.Select(w => w.Replace(DocumentedToolPath, toolPath, StringComparison.Ordinal)).ToList();
            last = (await ChildProcess.RunAsync(words[0], words.Skip(1), fixture.Root, TimeSpan.FromMinutes(3), fixture.DotnetEnvironment)).EnsureSuccess(command.CommandLine);
        }

        // The installed tool is the one this checkout's sdk pack made: that pack's version, then the commit.
        Assert.StartsWith(fixture.Version + "+", last!.StandardOutput.Trim(), StringComparison.Ordinal);

        // Serving with the installed tool: its own plugins/ folder is the bundled one (nothing from the checkout or a home).
        var dlvx = Path.Combine(toolPath, "dlvx");
        var environment = new Dictionary<string, string>
        {
            ["DLVX_PLUGINS"] = "",
            ["DLVX_HOME"] = Directory.CreateDirectory(Path.Combine(fixture.Root, "homes", "tool")).FullName,
        };
        var program = await GoProgram.BuildAsync(Path.Combine(fixture.Generated, "Contoso.Leaks.Tests", "testdata", "hello"), timeout.Token);
        await using var session = await DlvxExecSession.StartAsync(dlvx, program, environment);
        // Plugins load in the background after the listening line.
        var loaded = await session.WaitForLineAsync(l => l.StartsWith("dlvx: plugins loaded:", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
        Assert.Matches(@"dlvx: plugins loaded: \d+ commands from 4 plugins: .*goroutine-graph, .*heap-stats, .*memory-map, .*sched-stats, .*target-info", loaded);

        using var client = await session.ConnectJsonRpcAsync(timeout.Token);
        await client.CallAsync("RPCServer.CreateBreakpoint", new JsonObject { ["Breakpoint"] = new JsonObject { ["functionName"] = "main.stop" } }, timeout.Token);
        await client.CallAsync("RPCServer.Command", new JsonObject { ["name"] = "continue" }, timeout.Token);
        var heapStats = await ChildProcess.RunAsync(dlvx, ["run", "--addr", session.Address.ToString(), "heap-stats", "-top", "1"], fixture.Root, TimeSpan.FromMinutes(1), environment);
        Assert.True(heapStats.ExitCode == 0, heapStats.Output);
        Assert.Matches(@"(?m)^Heap\s+\S+ \S+ in \d+ objects", heapStats.StandardOutput);
    }
}
