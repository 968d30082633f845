using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dlvx.Host.Api;
using Dlvx.IntegrationTests.Infrastructure;
using Dlvx.Sdk.Testing;

namespace Dlvx.Templates.Tests;

/// <summary><c>dlvx plugins</c> with the generated plugin's package, and a real <c>dlvx exec</c> that loads it.</summary>
[Collection(AuthoringCollection.Name)]
[Trait("Category", "Slow")]
public sealed class InstallTests(AuthoringFixture fixture)
{
    [Fact]
    public async Task InstalledFromAFolderFeedTheCommandRunsInEveryClient()
    {
        var home = NewHome();
        var install = await DlvxPlugins.RunAsync(home, "install", "Contoso.Leaks", "--source", fixture.PluginFeed);
        Assert.True(install.ExitCode == 0, install.Output);
        Assert.Contains("installed Contoso.Leaks 1.0.0", install.Output, StringComparison.Ordinal);

        var list = await DlvxPlugins.RunAsync(home, "list");
        Assert.Matches(@"Contoso\.Leaks\s+1\.0\.0\s+" + Regex.Escape(fixture.Version) + @"\s+find-leaks,leaks\s+ok", list.Output);

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var program = await GoProgram.BuildAsync(Path.Combine(fixture.Generated, "Contoso.Leaks.Tests", "testdata", "hello"), timeout.Token);

        // DLVX_PLUGINS names an empty folder: the installed plugin is the only one.
        await using var dlvx = await DlvxExecSession.StartAsync(TestPaths.Dlvx, program, new Dictionary<string, string>
        {
            ["DLVX_HOME"] = home,
            ["DLVX_PLUGINS"] = Directory.CreateDirectory(Path.Combine(home, "no-bundled")).FullName,
        });

        // JSON-RPC (GoLand, scripts): Dlvx.Run with the structured data.
        using var client = await dlvx.ConnectJsonRpcAsync(timeout.Token);
        await client.CallAsync("RPCServer.CreateBreakpoint", new JsonObject { ["Breakpoint"] = new JsonObject { ["functionName"] = "main.stop" } }, timeout.Token);
        await client.CallAsync("RPCServer.Command", new JsonObject { ["name"] = "continue" }, timeout.Token);
        var result = await client.RunAsync(new RunRequest("leaks", ["-top", "1"]), timeout.Token);

        Assert.Equal("leaks", result.Command);
        var top = Assert.Single(result.Data!.Value.GetProperty("ByStartFunction").EnumerateArray());
        Assert.Equal("main.worker", top.GetProperty("Function").GetString());
        Assert.Equal(5, top.GetProperty("Count").GetInt32());
        var text = result.Text;
        Assert.Matches(@"^\d+ goroutines\n\s+5  main\.worker$", text);

        // DAP (VS Code's debug console): evaluate "dlv leaks -top 1" in the repl context.
        await using (var dap = await DapTestClient.AttachAsync(dlvx.Address))
        {
            var evaluated = await dap.EvaluateAsync("dlv leaks -top 1");
            Assert.True(DapTestClient.Succeeded(evaluated), evaluated.ToJsonString());
            Assert.Equal(text, evaluated["body"]!["result"]!.GetValue<string>());
        }

        // The dlv terminal, by hand: the shim `dlvx starlark` generates, sourced by `dlv connect --init`.
        var starlark = await ChildProcess.RunAsync(TestPaths.Dlvx, ["starlark", "--addr", dlvx.Address.ToString()], home, TimeSpan.FromSeconds(60));
        Assert.True(starlark.ExitCode == 0, starlark.Output);
        Assert.Contains("def command_leaks(args):", starlark.StandardOutput, StringComparison.Ordinal);
        var script = Path.Combine(home, "dlvx.star");
        await File.WriteAllTextAsync(script, starlark.StandardOutput, timeout.Token);
        var init = Path.Combine(home, "dlv-init");
        await File.WriteAllTextAsync(init, $"source {script}\n", timeout.Token);

        // At exit dlv asks whether to kill the headless instance and reads EOF: the session survives.
        var terminal = await ChildProcess.RunAsync("dlv", ["connect", dlvx.Address.ToString(), "--init", init, "--allow-non-terminal-interactive"], home, TimeSpan.FromSeconds(90),
            standardInput: "leaks -top 1\nexit\n");
        Assert.Contains($"(dlv) {text}\n", terminal.StandardOutput.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal(text, (await client.RunAsync(new RunRequest("leaks", ["-top", "1"]), timeout.Token)).Text);
    }

    [Fact]
    public void ThePluginPackageLeavesOutTheAssembliesTheHostShares()
    {
        using var package = System.IO.Compression.ZipFile.OpenRead(fixture.PluginPackage);
        var entries = package.Entries.Select(e => e.FullName).ToList();

        Assert.Contains("plugin/Contoso.Leaks.dll", entries);
        Assert.Contains("plugin/Contoso.Leaks.deps.json", entries);
        string[] shared = ["Dlvx.Sdk.", "Microsoft.Extensions.DependencyInjection.Abstractions.", "Microsoft.Extensions.Logging.Abstractions."];
        Assert.DoesNotContain(entries, e => shared.Any(s => e.StartsWith("plugin/" + s, StringComparison.Ordinal)));
        // The build output still has them (the loader shares the host's copies whatever the folder holds).
        Assert.True(File.Exists(Path.Combine(fixture.Generated, "Contoso.Leaks", "bin", "Release", "net10.0", "Microsoft.Extensions.Logging.Abstractions.dll")));
    }

    [Fact]
    public async Task AChangedFileIsRefusedBeforeLoading()
    {
        var home = NewHome();
        Assert.Equal(0, (await DlvxPlugins.RunAsync(home, "install", fixture.PluginPackage)).ExitCode);
        await File.AppendAllTextAsync(Path.Combine(home, "plugins", "contoso.leaks", "Contoso.Leaks.deps.json"), " ");

        var list = await DlvxPlugins.RunAsync(home, "list");

        Assert.Contains("refused: changed after install (Contoso.Leaks.deps.json does not match its SHA-512)", list.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAddedFileIsRefusedBeforeLoading()
    {
        var home = NewHome();
        Assert.Equal(0, (await DlvxPlugins.RunAsync(home, "install", fixture.PluginPackage)).ExitCode);
        // An extra dll in the folder is as dangerous as a changed one: the plugin's load context would resolve it.
        await File.WriteAllTextAsync(Path.Combine(home, "plugins", "contoso.leaks", "Extra.dll"), "not from the package");

        var list = await DlvxPlugins.RunAsync(home, "list");

        Assert.Contains("refused: changed after install (Extra.dll was added)", list.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReplacedPackageIsRefusedBeforeLoading()
    {
        var home = NewHome();
        Assert.Equal(0, (await DlvxPlugins.RunAsync(home, "install", fixture.PluginPackage)).ExitCode);
        var kept = Path.Combine(home, "packages", "contoso.leaks.1.0.0.nupkg");
        Assert.True(File.Exists(kept), "the installed package is kept for the check before each load");
        // Another package under the same name; the extracted files are left as they were.
        PackageEditor.Copy(fixture.PluginPackage, kept + ".other", null, "extra/readme.txt");
        File.Move(kept + ".other", kept, overwrite: true);

        var list = await DlvxPlugins.RunAsync(home, "list");

        var line = Assert.Single(list.Output.Split('\n'), l => l.StartsWith("Contoso.Leaks", StringComparison.Ordinal));
        Assert.EndsWith($"refused: changed after install ({kept} does not match the SHA-512 recorded at install)", line.TrimEnd());
    }

    [Fact]
    public async Task AnInstalledPluginChangedOnDiskIsRefusedWhenDlvxLoadsAndTheOthersStillRun()
    {
        var home = NewHome();
        Assert.Equal(0, (await DlvxPlugins.RunAsync(home, "install", fixture.PluginPackage)).ExitCode);
        var folder = Path.Combine(home, "plugins", "contoso.leaks");
        await using (var dll = new FileStream(Path.Combine(folder, "Contoso.Leaks.dll"), FileMode.Append))
        {
            // Trailing bytes do not stop a PE file from loading: only the recorded hash can catch this.
            dll.Write("tampered"u8);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var program = await GoProgram.BuildAsync(Path.Combine(fixture.Generated, "Contoso.Leaks.Tests", "testdata", "hello"), timeout.Token);
        await using var dlvx = await DlvxExecSession.StartAsync(TestPaths.Dlvx, program, new Dictionary<string, string>
        {
            ["DLVX_HOME"] = home,
            ["DLVX_PLUGINS"] = TestPaths.TargetInfoPlugin,
        });

        // Plugins load in the background after the listening line; the summary line ends the load.
        await dlvx.WaitForLineAsync(l => l.StartsWith("dlvx: plugins loaded:", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
        var refusal = Assert.Single(dlvx.Output.Split('\n'), l => l.Contains("Contoso.Leaks", StringComparison.Ordinal));
        Assert.Equal(
            $"dlvx: plugin not loaded: {folder}: Contoso.Leaks 1.0.0 was changed after it was installed (Contoso.Leaks.dll does not match its SHA-512); not loaded. Reinstall it: dlvx plugins install Contoso.Leaks --version 1.0.0",
            refusal.TrimEnd());
        Assert.Contains("dlvx: plugins loaded: 1 command from 1 plugin: target-info", dlvx.Output, StringComparison.Ordinal);

        using var client = await dlvx.ConnectJsonRpcAsync(timeout.Token);
        var unknown = await client.RunExpectingErrorAsync(new RunRequest("leaks"), timeout.Token);
        Assert.Equal("unknown command 'leaks'; known commands: target-info", unknown);
        var bundled = await client.RunAsync(new RunRequest("target-info"), timeout.Token);
        Assert.True(bundled.Data!.Value.GetProperty("Pid").GetInt32() > 0, bundled.ToString());
        Assert.Contains("Goroutines", bundled.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APackageThatIsNotADlvxPluginIsRefused()
    {
        var home = NewHome();
        var result = await DlvxPlugins.RunAsync(home, "install", Path.Combine(fixture.Feed, $"Dlvx.Sdk.{fixture.Version}.nupkg"));
        AssertRefused(home, result, "is not a dlvx plugin package: its package type is Dependency");
    }

    [Fact]
    public async Task AnEntryEscapingThePluginFolderIsRefused()
    {
        var home = NewHome();
        var hostile = Path.Combine(home, "hostile", "Contoso.Leaks.1.0.0.nupkg");
        PackageEditor.Copy(fixture.PluginPackage, hostile, extraEntries: "plugin/../../escaped.txt");

        var result = await DlvxPlugins.RunAsync(home, "install", hostile);

        AssertRefused(home, result, "archive entry 'plugin/../../escaped.txt' would be written outside the plugin folder");
        Assert.False(File.Exists(Path.Combine(home, "escaped.txt")));
    }

    [Fact]
    public async Task NewerAbstractionsThanTheHostCarriesAreRefused()
    {
        var home = NewHome();
        var newer = Path.Combine(home, "newer", "Contoso.Leaks.1.0.0.nupkg");
        PackageEditor.Copy(fixture.PluginPackage, newer, (name, text) => name == "dlvx-plugin.json"
            ? text.Replace("\"Microsoft.Extensions.DependencyInjection.Abstractions\": \"8.0.0.0\"", "\"Microsoft.Extensions.DependencyInjection.Abstractions\": \"99.0.0.0\"", StringComparison.Ordinal)
            : text);

        var result = await DlvxPlugins.RunAsync(home, "install", newer);

        AssertRefused(home, result, "built against Microsoft.Extensions.DependencyInjection.Abstractions 99.0.0.0, but this dlvx carries 10.0.0.0");
    }

    [Fact]
    public async Task CommandsCollidingWithAnInstalledPluginAreRefused()
    {
        var home = NewHome();
        Assert.Equal(0, (await DlvxPlugins.RunAsync(home, "install", fixture.PluginPackage)).ExitCode);
        var other = Path.Combine(home, "other", "Contoso.Other.1.0.0.nupkg");
        PackageEditor.Copy(fixture.PluginPackage, other, (name, text) => name.EndsWith(".nuspec", StringComparison.Ordinal)
            ? text.Replace("<id>Contoso.Leaks</id>", "<id>Contoso.Other</id>", StringComparison.Ordinal)
            : text);
        var before = await File.ReadAllTextAsync(Path.Combine(home, "plugins.json"));

        var result = await DlvxPlugins.RunAsync(home, "install", other);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("its command 'find-leaks' is already provided by installed plugin Contoso.Leaks 1.0.0", result.Output, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllTextAsync(Path.Combine(home, "plugins.json")));
        Assert.Equal(["contoso.leaks"], Directory.EnumerateDirectories(Path.Combine(home, "plugins")).Select(Path.GetFileName));
    }

    private static void AssertRefused(string home, ProcessResult result, string reason)
    {
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(reason, result.Output, StringComparison.Ordinal);

        // One line, and nothing half-installed.
        Assert.Single(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(File.Exists(Path.Combine(home, "plugins.json")));
        Assert.False(Directory.Exists(Path.Combine(home, "plugins")) && Directory.EnumerateFileSystemEntries(Path.Combine(home, "plugins")).Any());
        Assert.False(Directory.Exists(Path.Combine(home, ".staging")) && Directory.EnumerateFileSystemEntries(Path.Combine(home, ".staging")).Any());
    }

    private string NewHome() => Directory.CreateDirectory(Path.Combine(fixture.Root, "homes", Guid.NewGuid().ToString("N")[..8])).FullName;
}
