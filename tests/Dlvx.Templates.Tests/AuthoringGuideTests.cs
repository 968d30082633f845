using Dlvx.IntegrationTests.Infrastructure;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Dlvx.Templates.Tests;

/// <summary>
/// docs/authoring.md cannot drift from what works: <see cref="AuthoringFixture"/> runs the guide's build
/// side word for word, and this class runs its dlvx commands word for word, each followed by a check that
/// it did what the guide says. A command added to the guide without a step here, or a step whose command
/// left the guide, fails <see cref="EveryShellCommandInTheGuideIsRunByTheTests"/>.
/// </summary>
[Collection(AuthoringCollection.Name)]
[Trait("Category", "Slow")]
public sealed class AuthoringGuideTests(AuthoringFixture fixture)
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(1);

    // The guide's dlvx commands show alternatives (three ways to install), so each step sets up the
    // DLVX_HOME its command needs: one installed from the .nupkg, one from the folder feed, one through nuget.config.
    private string fileHome = "";
    private string feedHome = "";

    [Fact]
    public void EveryShellCommandInTheGuideIsRunByTheTests()
    {
        Assert.NotEmpty(AuthoringGuide.BuildSide);
        Assert.Equal("./dlvx sdk pack", AuthoringGuide.Commands[0].CommandLine);
        Assert.All(AuthoringGuide.BuildSide, c => Assert.True(
            c.Words[0] is "dotnet" or "cd" or "./dlvx",
            $"{AuthoringGuide.Path} runs '{c.CommandLine}' before its first dlvx command; AuthoringFixture runs only dotnet, ./dlvx and cd there"));

        var documented = AuthoringGuide.DlvxSide.Select(c => c.CommandLine).ToList();
        var steps = Steps().Keys.ToList();
        Assert.True(documented.Except(steps).ToList() is [], $"{AuthoringGuide.Path} runs commands no test runs: {string.Join("; ", documented.Except(steps))}. Add a step to AuthoringGuideTests.");
        Assert.True(steps.Except(documented).ToList() is [], $"AuthoringGuideTests has steps for commands {AuthoringGuide.Path} no longer has: {string.Join("; ", steps.Except(documented))}");
    }

    [Fact]
    public async Task TheGuidesDlvxCommandsDoWhatItSays()
    {
        var steps = Steps();
        foreach (var command in AuthoringGuide.DlvxSide)
        {
            Assert.True(steps.TryGetValue(command.CommandLine, out var step), $"no step runs '{command.CommandLine}'");
            await step(command);
        }

        // The whole guide ran, in order: the fixture's build side, then these.
        Assert.Equal(AuthoringGuide.Commands.Select(c => c.CommandLine), fixture.Guide.Ran.Select(c => c.CommandLine));
    }

    private Dictionary<string, Func<DocumentedCommand, Task>> Steps() => new(StringComparer.Ordinal)
    {
        ["dlvx plugins install packages/Contoso.Leaks.1.0.0.nupkg"] = InstallFromThePackageFileAsync,
        ["dlvx plugins install Contoso.Leaks --source ./packages"] = InstallFromTheFolderFeedAsync,
        ["dlvx plugins install Contoso.Leaks --version 1.0.0"] = InstallThroughNuGetConfigAsync,
        ["dlvx plugins list"] = ListAsync,
        ["dlvx plugins update"] = UpdateEveryPluginAsync,
        ["dlvx plugins update Contoso.Leaks"] = UpdateOnePluginAsync,
        ["dlvx plugins uninstall Contoso.Leaks"] = UninstallAsync,
        ["dotnet build"] = BuildAsync,
        ["dotnet tool install --global --prerelease Dlvx.Host"] = InstallTheToolAsync,
        ["cd Contoso.Leaks.Tests/testdata/hello"] = GoToTheProgramAsync,
        ["dlvx debug --plugins ../../../Contoso.Leaks/bin/Debug/net10.0"] = ServeForVsCodeAsync,
    };

    /// <summary>The dlvx tool the guide's <c>dotnet tool install --global</c> put into the reader's (private) dotnet home.</summary>
    private string InstalledTool => Path.Combine(fixture.CliHome, ".dotnet", "tools", "dlvx");

    private async Task BuildAsync(DocumentedCommand command)
    {
        (await fixture.Guide.RunAsync(command, TimeSpan.FromMinutes(3))).EnsureSuccess(command.CommandLine);
        Assert.True(File.Exists(Path.Combine(fixture.Generated, "Contoso.Leaks", "bin", "Debug", "net10.0", "Contoso.Leaks.dll")));
    }

    private async Task InstallTheToolAsync(DocumentedCommand command)
    {
        // From the feed ./dlvx sdk pack registered: the reader names no source.
        (await fixture.Guide.RunAsync(command, TimeSpan.FromMinutes(3))).EnsureSuccess(command.CommandLine);
        var installed = await ChildProcess.RunAsync(InstalledTool, ["--version"], fixture.Root, TimeSpan.FromMinutes(1));
        Assert.StartsWith(fixture.Version + "+", installed.EnsureSuccess("dlvx --version").StandardOutput.Trim(), StringComparison.Ordinal);
    }

    private async Task GoToTheProgramAsync(DocumentedCommand command) =>
        await fixture.Guide.RunAsync(command, TimeSpan.FromSeconds(10));

    /// <summary>
    /// The installed tool serves the template's program with the plugin's build output, on a free port
    /// instead of 4040 (other test runs may hold it); then VS Code's route: DAP attach, evaluate <c>dlv leaks</c>.
    /// </summary>
    private async Task ServeForVsCodeAsync(DocumentedCommand command)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        fixture.Guide.RecordStarted(command);
        var environment = new Dictionary<string, string>(fixture.DotnetEnvironment) { ["DLVX_HOME"] = NewHome("vscode") };
        await using var dlvx = await DlvxExecSession.StartWithArgumentsAsync(InstalledTool, [.. command.Words.Skip(1), "--listen", "127.0.0.1:0"], environment, fixture.Guide.CurrentFolder);
        using (var client = await dlvx.ConnectJsonRpcAsync(timeout.Token))
        {
            await client.CallAsync("RPCServer.CreateBreakpoint", new JsonObject { ["Breakpoint"] = new JsonObject { ["functionName"] = "main.stop" } }, timeout.Token);
            await client.CallAsync("RPCServer.Command", new JsonObject { ["name"] = "continue" }, timeout.Token);
        }

        await using var dap = await DapTestClient.AttachAsync(dlvx.Address);
        var evaluated = await dap.EvaluateAsync("dlv leaks -top 1");
        Assert.True(DapTestClient.Succeeded(evaluated), evaluated.ToJsonString());
        Assert.Matches(@"^\d+ goroutines\n\s+5  main\.worker$", evaluated["body"]!["result"]!.GetValue<string>());
        var second = await dap.EvaluateAsync("dlv find-leaks");
        Assert.True(DapTestClient.Succeeded(second), second.ToJsonString());
    }

    private async Task InstallFromThePackageFileAsync(DocumentedCommand command)
    {
        fileHome = NewHome("file");
        var result = await RunAsync(command, fileHome);
        Assert.Contains($"installed Contoso.Leaks 1.0.0 (commands: find-leaks, leaks) into {Path.Combine(fileHome, "plugins", "contoso.leaks")}", result.Output, StringComparison.Ordinal);
    }

    private async Task InstallFromTheFolderFeedAsync(DocumentedCommand command)
    {
        feedHome = NewHome("feed");
        var result = await RunAsync(command, feedHome);
        Assert.Contains("installed Contoso.Leaks 1.0.0", result.Output, StringComparison.Ordinal);

        // The source is recorded for update.
        var recorded = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(feedHome, "plugins.json")))!["plugins"]![0]!;
        Assert.Equal(Path.Combine(fixture.Generated, "packages"), Path.TrimEndingDirectorySeparator(recorded["source"]!.GetValue<string>()));
    }

    private async Task InstallThroughNuGetConfigAsync(DocumentedCommand command)
    {
        // A reader elsewhere whose nuget.config lists the folder the plugin was packed into (and nothing else,
        // so the test never asks nuget.org).
        var consumer = Directory.CreateDirectory(Path.Combine(fixture.Root, "guide-consumer")).FullName;
        await File.WriteAllTextAsync(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="contoso" value="{Path.Combine(fixture.Generated, "packages")}" />
              </packageSources>
            </configuration>
            """);
        var home = NewHome("nuget-config");
        var result = await RunAsync(command, home, consumer);
        Assert.Contains("installed Contoso.Leaks 1.0.0", result.Output, StringComparison.Ordinal);
    }

    private async Task ListAsync(DocumentedCommand command)
    {
        var result = await RunAsync(command, fileHome);
        Assert.Matches(@"(?m)^ID\s+VERSION\s+SDK\s+COMMANDS\s+STATUS$", result.Output);
        Assert.Matches(@"(?m)^Contoso\.Leaks\s+1\.0\.0\s+" + Regex.Escape(fixture.Version) + @"\s+find-leaks,leaks\s+ok$", result.Output);
    }

    private async Task UpdateEveryPluginAsync(DocumentedCommand command)
    {
        PackNewerVersion("1.0.1");
        var result = await RunAsync(command, feedHome);
        Assert.Contains("updated Contoso.Leaks 1.0.0 -> 1.0.1", result.Output, StringComparison.Ordinal);
    }

    private async Task UpdateOnePluginAsync(DocumentedCommand command)
    {
        PackNewerVersion("1.0.2");
        var result = await RunAsync(command, feedHome);
        Assert.Contains("updated Contoso.Leaks 1.0.1 -> 1.0.2", result.Output, StringComparison.Ordinal);
        var list = await DlvxPlugins.RunAsync(feedHome, "list");
        Assert.Matches(@"(?m)^Contoso\.Leaks\s+1\.0\.2\s+.*\s+ok$", list.Output);
    }

    private async Task UninstallAsync(DocumentedCommand command)
    {
        var result = await RunAsync(command, fileHome);
        Assert.Contains("uninstalled Contoso.Leaks 1.0.0", result.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(fileHome, "plugins")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(fileHome, ".staging")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(fileHome, "packages")));
        Assert.DoesNotContain("Contoso.Leaks", await File.ReadAllTextAsync(Path.Combine(fileHome, "plugins.json")), StringComparison.Ordinal);
    }

    /// <summary>Runs the command as the guide has it, with <paramref name="home"/> as DLVX_HOME; it must succeed.</summary>
    private async Task<ProcessResult> RunAsync(DocumentedCommand command, string home, string? workingDirectory = null)
    {
        var result = await fixture.Guide.RunAsync(command, CommandTimeout, workingDirectory, new Dictionary<string, string> { ["DLVX_HOME"] = home });
        return result.EnsureSuccess(command.CommandLine);
    }

    /// <summary>Stands for the author packing a newer version into the same packages folder.</summary>
    private void PackNewerVersion(string version) =>
        PackageEditor.Copy(fixture.PluginPackage, Path.Combine(fixture.Generated, "packages", $"Contoso.Leaks.{version}.nupkg"),
            (name, text) => name.EndsWith(".nuspec", StringComparison.Ordinal) ? text.Replace("<version>1.0.0</version>", $"<version>{version}</version>", StringComparison.Ordinal) : text);

    private string NewHome(string name) => Directory.CreateDirectory(Path.Combine(fixture.Root, "homes", "guide-" + name)).FullName;
}
