using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Dlvx.IntegrationTests.Infrastructure;
using Dlvx.Sdk.Testing;

namespace Dlvx.IntegrationTests;

/// <summary>
/// Pressing F5: the test plays the Go extension for VS Code with dlvx configured as its dlv. It starts
/// <c>dlvx dap --listen=127.0.0.1:0 --log-dest=3</c> from the workspace folder with fd 3 open, reads the
/// listening line there, and sends what the extension sends. Real Go builds, real Delve. Nothing here
/// assumes a Go or Delve release, so the class also runs under other toolchains (first on PATH).
/// </summary>
public sealed class DapLaunchTests
{
    private static readonly TimeSpan LaunchTimeout = TimeSpan.FromSeconds(180);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    // The launch request's session stays private to the test: no toolchain download, no module fetch.
    private static readonly Dictionary<string, string> GoEnvironment = new() { ["GOTOOLCHAIN"] = "local", ["GOPROXY"] = "off" };

    private static readonly string[] Plugins = ["--no-bundled-plugins", "--plugins", TestPaths.HeapStatsPlugin, "--plugins", TestPaths.TargetInfoPlugin];

    private static string MainGo => Path.Combine(TestPaths.LaunchProgram, "main.go");

    [Fact]
    public async Task DebugModeBuildsStopsAtTheBreakpointAnswersPluginCommandsAndExpressionsAndLeavesNothingBehind()
    {
        using var targetFolder = new TemporaryFolder();
        var output = Path.Combine(targetFolder.Path, "bin", "launch-debug");
        await using var dlvx = await DlvxDapProcess.StartAsync(TestPaths.LaunchProgram, Plugins, GoEnvironment);
        Assert.DoesNotContain("listening", dlvx.Process.StandardOutput, StringComparison.Ordinal); // with --log-dest, only fd 3 has it, as with dlv
        await using var editor = await DapTestClient.ConnectAsync(dlvx.Address);

        var initialize = await editor.InitializeAsync();
        Assert.True(DapTestClient.Succeeded(initialize), initialize.ToJsonString());
        Assert.True(initialize["body"]!["supportsConfigurationDoneRequest"]!.GetValue<bool>());

        // What the extension sends for "program": "${workspaceFolder}": it runs dlv from the folder, program ".".
        var launch = await editor.RequestAsync("launch", new JsonObject
        {
            ["name"] = "Launch Package",
            ["type"] = "go",
            ["request"] = "launch",
            ["mode"] = "debug",
            ["program"] = ".",
            ["args"] = new JsonArray("one", "two words"),
            ["env"] = new JsonObject { ["DLVX_LAUNCH_GREETING"] = "hello from env" },
            ["cwd"] = targetFolder.Path,
            ["output"] = output,
            ["buildFlags"] = "-ldflags='-X main.buildNote=from-build-flags'",
            ["__buildDir"] = TestPaths.LaunchProgram,
        }, LaunchTimeout);
        Assert.True(DapTestClient.Succeeded(launch), launch.ToJsonString());
        await editor.WaitForEventAsync("initialized", StopTimeout);

        var line = BreakpointLine();
        var breakpoints = await editor.RequestAsync("setBreakpoints", new JsonObject
        {
            ["source"] = new JsonObject { ["name"] = "main.go", ["path"] = MainGo },
            ["breakpoints"] = new JsonArray(new JsonObject { ["line"] = line }),
        });
        Assert.True(DapTestClient.Succeeded(breakpoints), breakpoints.ToJsonString());
        Assert.True(breakpoints["body"]!["breakpoints"]![0]!["verified"]!.GetValue<bool>(), breakpoints.ToJsonString());
        Assert.True(DapTestClient.Succeeded(await editor.RequestAsync("configurationDone")));

        var stopped = await editor.WaitForEventAsync("stopped", StopTimeout);
        Assert.Equal("breakpoint", stopped["body"]!["reason"]!.GetValue<string>());
        var frame = (await TopFrameAsync(editor, stopped))!;
        Assert.EndsWith("checkpoint", frame["name"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(line, frame["line"]!.GetValue<int>());
        var frameId = frame["id"]!.GetValue<int>();

        var heapStats = await editor.EvaluateAsync("dlv heap-stats", frameId);
        Assert.True(DapTestClient.Succeeded(heapStats), heapStats.ToJsonString());
        Assert.StartsWith("Heap ", heapStats["body"]!["result"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Top 10 size classes", heapStats["body"]!["result"]!.GetValue<string>(), StringComparison.Ordinal);
        var expression = await editor.EvaluateAsync("total * 2", frameId);
        Assert.True(DapTestClient.Succeeded(expression), expression.ToJsonString());
        Assert.Equal("42", expression["body"]!["result"]!.GetValue<string>());
        var help = await editor.EvaluateAsync("dlv help", frameId);
        Assert.Contains("dlv config", help["body"]!["result"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Plugin commands (dlvx):", help["body"]!["result"]!.GetValue<string>(), StringComparison.Ordinal);

        // The program's stdout and stderr, with the launch's args, env and cwd.
        await editor.WaitForOutputAsync("stdout", "launch: args one|two words\n", StopTimeout);
        await editor.WaitForOutputAsync("stdout", "launch: env hello from env\n", StopTimeout);
        await editor.WaitForOutputAsync("stdout", $"launch: cwd {targetFolder.Path}\n", StopTimeout);
        await editor.WaitForOutputAsync("stdout", "launch: build note from-build-flags\n", StopTimeout);
        await editor.WaitForOutputAsync("stderr", "launch: to stderr\n", StopTimeout);

        // The rest is Delve's, as under dlv dap: goroutines, variables, console commands, stepping.
        var threads = await editor.RequestAsync("threads");
        Assert.Contains(threads["body"]!["threads"]!.AsArray(), t => t!["id"]!.GetValue<int>() == stopped["body"]!["threadId"]!.GetValue<int>());
        var scopes = await editor.RequestAsync("scopes", new JsonObject { ["frameId"] = frameId });
        var locals = scopes["body"]!["scopes"]!.AsArray().First(s => s!["name"]!.GetValue<string>() == "Locals")!;
        var variables = await editor.RequestAsync("variables", new JsonObject { ["variablesReference"] = locals["variablesReference"]!.GetValue<int>() });
        Assert.Contains(variables["body"]!["variables"]!.AsArray(), v => v!["name"]!.GetValue<string>() == "total" && v["value"]!.GetValue<string>() == "21");
        Assert.True(DapTestClient.Succeeded(await editor.EvaluateAsync("dlv config -list", frameId)));
        var stepsBefore = editor.Events.Count;
        Assert.True(DapTestClient.Succeeded(await editor.RequestAsync("next", new JsonObject { ["threadId"] = stopped["body"]!["threadId"]!.GetValue<int>() })));
        Assert.Equal("step", (await editor.WaitForEventAsync("stopped", StopTimeout, after: stepsBefore))["body"]!["reason"]!.GetValue<string>());

        var processes = SessionProcesses(dlvx);
        Assert.Equal(Path.GetFileName(output), ProcessName(processes.Target));
        Assert.False(dlvx.IsHeldBy(processes.Delve), "Delve inherited the editor's fd 3");
        Assert.False(dlvx.IsHeldBy(processes.Target), "the program inherited the editor's fd 3");

        await DisconnectAndExpectNothingLeftAsync(dlvx, editor, new JsonObject { ["restart"] = false }, processes.Delve, processes.Target);
        Assert.True(await dlvx.LogClosesWithinAsync(TimeSpan.FromSeconds(10)), "fd 3 is still held open after dlvx exited");
        Assert.False(File.Exists(output), "the built program was not removed, as dlv dap removes it");
    }

    [Fact]
    public async Task SubstitutePathMapsTheEditorsPathsToTheBuildsAndBack()
    {
        const string editorFolder = "/editor/workspace/launch";
        var binary = await GoProgram.BuildAsync(TestPaths.LaunchProgram);
        await using var dlvx = await DlvxDapProcess.StartAsync(TestPaths.LaunchProgram, Plugins, GoEnvironment);
        await using var editor = await DapTestClient.ConnectAsync(dlvx.Address);
        await editor.InitializeAsync();
        var launch = await editor.RequestAsync("launch", new JsonObject
        {
            ["mode"] = "exec",
            ["program"] = binary,
            ["substitutePath"] = new JsonArray(new JsonObject { ["from"] = editorFolder, ["to"] = TestPaths.LaunchProgram }),
        }, LaunchTimeout);
        Assert.True(DapTestClient.Succeeded(launch), launch.ToJsonString());
        var breakpoints = await editor.RequestAsync("setBreakpoints", new JsonObject
        {
            ["source"] = new JsonObject { ["path"] = $"{editorFolder}/main.go" },
            ["breakpoints"] = new JsonArray(new JsonObject { ["line"] = BreakpointLine() }),
        });
        Assert.True(breakpoints["body"]!["breakpoints"]![0]!["verified"]!.GetValue<bool>(), breakpoints.ToJsonString());
        await editor.RequestAsync("configurationDone");

        var frame = (await TopFrameAsync(editor, await editor.WaitForEventAsync("stopped", StopTimeout)))!;
        Assert.Equal($"{editorFolder}/main.go", frame["source"]!["path"]!.GetValue<string>());
        await DisconnectAndExpectNothingLeftAsync(dlvx, editor, null);
    }

    [Fact]
    public async Task TestModeRunsTheTestBinaryInThePackageFolderToTheEnd()
    {
        await using var dlvx = await DlvxDapProcess.StartAsync(TestPaths.LaunchProgram, Plugins, GoEnvironment);
        await using var editor = await DapTestClient.ConnectAsync(dlvx.Address);
        await editor.InitializeAsync();
        var launch = await editor.RequestAsync("launch", new JsonObject
        {
            ["request"] = "launch",
            ["mode"] = "test",
            ["program"] = ".",
            ["args"] = new JsonArray("-test.run", "TestCheckpoint", "-test.v"),
        }, LaunchTimeout);
        Assert.True(DapTestClient.Succeeded(launch), launch.ToJsonString());
        var breakpoints = await editor.RequestAsync("setBreakpoints", new JsonObject
        {
            ["source"] = new JsonObject { ["path"] = MainGo },
            ["breakpoints"] = new JsonArray(new JsonObject { ["line"] = BreakpointLine() }),
        });
        Assert.True(breakpoints["body"]!["breakpoints"]![0]!["verified"]!.GetValue<bool>(), breakpoints.ToJsonString());
        await editor.RequestAsync("configurationDone");

        var stopped = await editor.WaitForEventAsync("stopped", StopTimeout);
        var stack = await editor.RequestAsync("stackTrace", new JsonObject { ["threadId"] = stopped["body"]!["threadId"]!.GetValue<int>(), ["startFrame"] = 0, ["levels"] = 5 });
        Assert.Contains(stack["body"]!["stackFrames"]!.AsArray(), f => f!["name"]!.GetValue<string>().EndsWith("TestCheckpoint", StringComparison.Ordinal));
        var targetInfo = await editor.EvaluateAsync("dlv target-info");
        Assert.True(DapTestClient.Succeeded(targetInfo), targetInfo.ToJsonString());

        await editor.RequestAsync("continue", new JsonObject { ["threadId"] = stopped["body"]!["threadId"]!.GetValue<int>() });
        await editor.WaitForOutputAsync("stdout", "launch: test ran\n", StopTimeout);
        await editor.WaitForOutputAsync("stdout", "PASS", StopTimeout);
        await editor.WaitForEventAsync("terminated", StopTimeout);

        var delve = ProcessTree.Descendants(dlvx.Process.Pid).Where(pid => ProcessName(pid) == "dlv").ToList();
        await DisconnectAndExpectNothingLeftAsync(dlvx, editor, null, [.. delve]);
    }

    [Fact]
    public async Task ExecModeStopsOnEntryAndADisconnectWhileRunningKillsTheProgram()
    {
        var binary = await GoProgram.BuildAsync(TestPaths.BasicProgram);
        await using var dlvx = await DlvxDapProcess.StartAsync(Path.GetDirectoryName(binary)!, Plugins, GoEnvironment);
        await using var editor = await DapTestClient.ConnectAsync(dlvx.Address);
        await editor.InitializeAsync();
        var launch = await editor.RequestAsync("launch", new JsonObject
        {
            ["mode"] = "exec",
            ["program"] = Path.GetFileName(binary),
            ["args"] = new JsonArray("wait"),
            ["stopOnEntry"] = true,
        }, LaunchTimeout);
        Assert.True(DapTestClient.Succeeded(launch), launch.ToJsonString());
        await editor.RequestAsync("configurationDone");
        var stopped = await editor.WaitForEventAsync("stopped", StopTimeout);
        Assert.Equal("entry", stopped["body"]!["reason"]!.GetValue<string>());

        var processes = SessionProcesses(dlvx);
        var targetInfo = await editor.EvaluateAsync("dlv target-info");
        Assert.True(DapTestClient.Succeeded(targetInfo), targetInfo.ToJsonString());
        Assert.Contains($"Process    {processes.Target}", targetInfo["body"]!["result"]!.GetValue<string>(), StringComparison.Ordinal);

        // basic prints its sum, then sleeps for an hour: disconnect finds it running.
        await editor.RequestAsync("continue", new JsonObject { ["threadId"] = stopped["body"]!["threadId"]!.GetValue<int>() });
        await editor.WaitForOutputAsync("stdout", "basic: sum 30\n", StopTimeout);
        await DisconnectAndExpectNothingLeftAsync(dlvx, editor, null, processes.Delve, processes.Target);
    }

    [Fact]
    public async Task ABuildFailureShowsTheCompilersMessageInTheConsoleAndStartsNoDelve()
    {
        using var package = new TemporaryFolder();
        await File.WriteAllTextAsync(Path.Combine(package.Path, "go.mod"), "module broken\n\ngo 1.19\n");
        await File.WriteAllTextAsync(Path.Combine(package.Path, "main.go"), "package main\n\nfunc main() {\n\tnosuch()\n}\n");
        await using var dlvx = await DlvxDapProcess.StartAsync(package.Path, Plugins, GoEnvironment);
        await using var editor = await DapTestClient.ConnectAsync(dlvx.Address);
        await editor.InitializeAsync();

        var launch = await editor.RequestAsync("launch", new JsonObject { ["mode"] = "debug", ["program"] = "." }, LaunchTimeout);
        Assert.False(DapTestClient.Succeeded(launch));
        Assert.Equal("Build error: Check the debug console for details.", launch["message"]!.GetValue<string>());
        var console = await editor.WaitForOutputAsync("stderr", "Build Error: go build", StopTimeout);
        Assert.Contains("main.go:4:2: undefined: nosuch", console["body"]!["output"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(ProcessTree.Descendants(dlvx.Process.Pid), pid => ProcessName(pid) == "dlv");

        await DisconnectAndExpectNothingLeftAsync(dlvx, editor, null);
    }

    [Fact]
    public async Task NoDebugRunsTheProgramWithoutDelve()
    {
        await using var dlvx = await DlvxDapProcess.StartAsync(TestPaths.LaunchProgram, Plugins, GoEnvironment);
        await using var editor = await DapTestClient.ConnectAsync(dlvx.Address);
        await editor.InitializeAsync();
        var launch = await editor.RequestAsync("launch", new JsonObject { ["mode"] = "debug", ["program"] = ".", ["noDebug"] = true, ["args"] = new JsonArray("plain") }, LaunchTimeout);
        Assert.True(DapTestClient.Succeeded(launch), launch.ToJsonString());

        await editor.WaitForOutputAsync("stdout", "launch: args plain\n", StopTimeout);
        await editor.WaitForOutputAsync("stdout", "launch: done 42\n", StopTimeout);
        await editor.WaitForOutputAsync("console", "has exited with status 0", StopTimeout);
        await editor.WaitForEventAsync("terminated", StopTimeout);
        Assert.DoesNotContain(editor.Events, e => e["event"]?.GetValue<string>() == "initialized");
        await DisconnectAndExpectNothingLeftAsync(dlvx, editor, null);
    }

    [Fact]
    public async Task AttachLocalDetachesOnDisconnectEvenWhileRunningAndLeavesTheProcessRunning()
    {
        var binary = await GoProgram.BuildAsync(TestPaths.BasicProgram);
        using var target = Process.Start(new ProcessStartInfo(binary, "wait") { RedirectStandardOutput = true })!;
        try
        {
            Assert.Equal("basic: ready", await target.StandardOutput.ReadLineAsync().WaitAsync(StopTimeout));
            await using var dlvx = await DlvxDapProcess.StartAsync(Path.GetDirectoryName(binary)!, Plugins, GoEnvironment);
            await using var editor = await DapTestClient.ConnectAsync(dlvx.Address);
            await editor.InitializeAsync();
            var attach = await editor.RequestAsync("attach", new JsonObject { ["request"] = "attach", ["mode"] = "local", ["processId"] = target.Id }, LaunchTimeout);
            Assert.True(DapTestClient.Succeeded(attach), attach.ToJsonString());
            await editor.RequestAsync("configurationDone");

            await editor.RequestAsync("pause", new JsonObject { ["threadId"] = 1 });
            var stopped = await editor.WaitForEventAsync("stopped", StopTimeout);
            var targetInfo = await editor.EvaluateAsync("dlv target-info");
            Assert.Contains($"Process    {target.Id}", targetInfo["body"]!["result"]!.GetValue<string>(), StringComparison.Ordinal);
            await editor.RequestAsync("continue", new JsonObject { ["threadId"] = stopped["body"]?["threadId"]?.GetValue<int>() ?? 1 });

            var delve = ProcessTree.Descendants(dlvx.Process.Pid).Single(pid => ProcessName(pid) == "dlv");
            await DisconnectAndExpectNothingLeftAsync(dlvx, editor, new JsonObject { ["restart"] = false }, delve);
            Assert.False(target.HasExited, "an attached process must be left running");
            var status = await File.ReadAllTextAsync($"/proc/{target.Id}/status");
            Assert.Matches(@"TracerPid:\s+0\b", status);
            Assert.Matches(@"State:\s+[RS]\b", status);
        }
        finally
        {
            target.Kill();
            await target.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task DisconnectWithTerminateDebuggeeFalseLeavesTheProgramServedUntilDlvxStops()
    {
        var binary = await GoProgram.BuildAsync(TestPaths.BasicProgram);
        await using var dlvx = await DlvxDapProcess.StartAsync(Path.GetDirectoryName(binary)!, Plugins, GoEnvironment);
        await using var editor = await DapTestClient.ConnectAsync(dlvx.Address);
        await editor.InitializeAsync();
        Assert.True(DapTestClient.Succeeded(await editor.RequestAsync("launch", new JsonObject { ["mode"] = "exec", ["program"] = binary, ["args"] = new JsonArray("wait") }, LaunchTimeout)));
        await editor.RequestAsync("configurationDone");
        await editor.WaitForOutputAsync("stdout", "basic: sum 30\n", StopTimeout);
        var processes = SessionProcesses(dlvx);

        var disconnect = await editor.RequestAsync("disconnect", new JsonObject { ["terminateDebuggee"] = false });
        Assert.True(DapTestClient.Succeeded(disconnect), disconnect.ToJsonString());
        var notice = await editor.WaitForOutputAsync("console", "the program stays under Delve, served at ", StopTimeout);
        var served = System.Text.RegularExpressions.Regex.Match(notice["body"]!["output"]!.GetValue<string>(), @"served at (?<host>[\d.]+):(?<port>\d+)");

        // Any client can join the session dlvx still serves.
        using (var rpc = await JsonRpcTestClient.ConnectAsync(new Endpoint(served.Groups["host"].Value, int.Parse(served.Groups["port"].Value, CultureInfo.InvariantCulture))))
        {
            var state = (await rpc.CallAsync("RPCServer.State", new JsonObject { ["NonBlocking"] = true })).Result()["State"]!;
            Assert.True(state["Running"]!.GetValue<bool>(), state.ToJsonString());
        }

        Assert.True(ProcessTree.IsAlive(processes.Target), "the program should still run");
        Assert.False(dlvx.Process.HasExited);
        await dlvx.Process.StopAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, dlvx.Process.ExitCode);
        Assert.Empty(await ProcessTree.StillAliveAfterAsync([processes.Delve, processes.Target], StopTimeout));
    }

    [Fact]
    public async Task AMissingOrMismatchedDelveIsExplainedInOneLine()
    {
        var binary = await GoProgram.BuildAsync(TestPaths.BasicProgram);
        using var tools = new TemporaryFolder();

        // A dlv that says it is a Delve release that cannot debug the Go that built the binary.
        var goMinor = int.Parse((await Cli.RunAsync("go", ["env", "GOVERSION"], null, Cli.DefaultTimeout)).StandardOutput.Trim().Split('.')[1], CultureInfo.InvariantCulture);
        var wrongDelve = goMinor <= 20 ? "1.27.1" : "1.20.2";
        var fakeDlv = Path.Combine(tools.Path, "dlv");
        await File.WriteAllTextAsync(fakeDlv, $"#!/bin/sh\necho 'Delve Debugger'\necho 'Version: {wrongDelve}'\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(fakeDlv, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        foreach (var (dlv, expected) in new[] { (fakeDlv, $"which Delve {wrongDelve} ({fakeDlv}) cannot debug"), ("/nonexistent/dlv", "there is no Delve at /nonexistent/dlv") })
        {
            await using var dlvx = await DlvxDapProcess.StartAsync(tools.Path, [.. Plugins, $"--dlv={dlv}"], GoEnvironment);
            await using var editor = await DapTestClient.ConnectAsync(dlvx.Address);
            await editor.InitializeAsync();
            var launch = await editor.RequestAsync("launch", new JsonObject { ["mode"] = "exec", ["program"] = binary }, LaunchTimeout);
            Assert.False(DapTestClient.Succeeded(launch));
            var message = launch["message"]!.GetValue<string>();
            Assert.StartsWith("Failed to launch: ", message, StringComparison.Ordinal);
            Assert.Contains(expected, message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', message);
            await DisconnectAndExpectNothingLeftAsync(dlvx, editor, null);
        }
    }

    [Fact]
    public async Task ReplayNeedsRrAndOtherwiseSaysWhyRrCannotRun()
    {
        using var trace = new TemporaryFolder();
        using var tools = new TemporaryFolder();

        // A PATH with go and dlv and no rr.
        foreach (var tool in new[] { "go", "dlv" })
        {
            var found = (await Cli.RunAsync("/bin/sh", ["-c", $"command -v {tool}"], null, Cli.DefaultTimeout)).StandardOutput.Trim();
            File.CreateSymbolicLink(Path.Combine(tools.Path, tool), found);
        }

        // The apphost finds the .NET runtime through DOTNET_ROOT, not PATH.
        var runtimeRoot = Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var withoutRr = new Dictionary<string, string>(GoEnvironment) { ["PATH"] = tools.Path, ["DOTNET_ROOT"] = runtimeRoot };
        var rrOnPath = (await Cli.RunAsync("/bin/sh", ["-c", "command -v rr"], null, Cli.DefaultTimeout)).ExitCode == 0;
        foreach (var (environment, expected) in rrOnPath
            ? new[] { (withoutRr, "rr is not on PATH"), (GoEnvironment, "Failed to launch: Delve exited with code ") }
            : [(withoutRr, "rr is not on PATH")])
        {
            await using var dlvx = await DlvxDapProcess.StartAsync(trace.Path, Plugins, environment);
            await using var editor = await DapTestClient.ConnectAsync(dlvx.Address);
            await editor.InitializeAsync();
            var launch = await editor.RequestAsync("launch", new JsonObject { ["mode"] = "replay", ["traceDirPath"] = trace.Path }, LaunchTimeout);
            Assert.False(DapTestClient.Succeeded(launch));
            Assert.Contains(expected, launch["message"]!.GetValue<string>(), StringComparison.Ordinal);
            await DisconnectAndExpectNothingLeftAsync(dlvx, editor, null);
        }
    }

    [Fact]
    public async Task RequestsBeforeTheLaunchAndAttachInModeRemoteAreRefusedByName()
    {
        await using var dlvx = await DlvxDapProcess.StartAsync(TestPaths.LaunchProgram, Plugins, GoEnvironment);
        await using var editor = await DapTestClient.ConnectAsync(dlvx.Address);
        var threads = await editor.RequestAsync("threads");
        Assert.False(DapTestClient.Succeeded(threads));
        Assert.Contains("'threads' must follow a launch or attach request", threads["message"]!.GetValue<string>(), StringComparison.Ordinal);
        await editor.InitializeAsync();
        var remote = await editor.RequestAsync("attach", new JsonObject { ["mode"] = "remote" });
        Assert.StartsWith("Failed to attach: attach in mode 'remote'", remote["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var mode = await editor.RequestAsync("launch", new JsonObject { ["mode"] = "connect", ["program"] = "." });
        Assert.Contains("unsupported 'mode' attribute \"connect\"", mode["message"]!.GetValue<string>(), StringComparison.Ordinal);
        await DisconnectAndExpectNothingLeftAsync(dlvx, editor, null);
    }

    [Fact]
    public async Task WithoutLogDestTheListeningLineIsOnStdoutAsNvimDapGoReadsIt()
    {
        await using var dlvx = ChildProcess.Start(TestPaths.Dlvx, ["dap", "-l", "127.0.0.1:0", .. Plugins], workingDirectory: TestPaths.LaunchProgram);
        var line = await dlvx.WaitForOutputAsync(new System.Text.RegularExpressions.Regex(@"^DAP server listening at: 127\.0\.0\.1:(?<port>\d+)$"), DlvxDapProcess.StartTimeout);
        Assert.StartsWith("DAP server listening at: ", dlvx.StandardOutput, StringComparison.Ordinal);
        await using var editor = await DapTestClient.ConnectAsync(new Endpoint("127.0.0.1", int.Parse(line.Groups["port"].Value, CultureInfo.InvariantCulture)));
        Assert.True(DapTestClient.Succeeded(await editor.InitializeAsync()));
        Assert.True(DapTestClient.Succeeded(await editor.RequestAsync("disconnect", new JsonObject())));
        Assert.Equal(0, await dlvx.WaitForExitAsync(StopTimeout));
    }

    [Fact]
    public async Task WithClientAddrDlvxDialsTheEditorAndPrintsNoListeningLine()
    {
        // What the Go extension does for "console": "integratedTerminal": it waits, dlv dials.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            await using var dlvx = ChildProcess.Start(TestPaths.Dlvx, ["dap", $"--client-addr=:{port}", .. Plugins], workingDirectory: TestPaths.LaunchProgram);
            using var accepted = await listener.AcceptTcpClientAsync().WaitAsync(DlvxDapProcess.StartTimeout);
            await using var editor = DapTestClient.Over(accepted);
            Assert.True(DapTestClient.Succeeded(await editor.InitializeAsync()));
            Assert.True(DapTestClient.Succeeded(await editor.RequestAsync("disconnect", new JsonObject())));
            Assert.Equal(0, await dlvx.WaitForExitAsync(StopTimeout));
            Assert.Equal("", dlvx.StandardOutput);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task FlagsDlvxDapDoesNotTakeAreRefusedInOneLine()
    {
        foreach (var (arguments, expected) in new[]
        {
            (new[] { "dap", "--nosuch" }, "dlvx: dap: unknown flag '--nosuch' (dlvx dap --help lists the flags it takes)"),
            (["dap", "./prog"], "dlvx: dap: unexpected argument './prog': the program comes in the editor's launch request"),
            (["dap", "--log-output=dap"], "dlvx: --log-output specified without --log"),
            (["dap", "--log-dest=9"], "dlvx: --log-dest=9: file descriptor 9 was not open when dlvx started"),
            (["dap", "--listen=10.1.2.3:0"], "dlvx: refusing to listen on 10.1.2.3:0: it is not a loopback address"),
        })
        {
            var result = await Cli.DlvxAsync(arguments);
            Assert.Equal(2, result.ExitCode);
            Assert.StartsWith(expected, result.StandardError, StringComparison.Ordinal);
            Assert.Single(result.StandardError.TrimEnd().Split('\n'));
        }

        var help = await Cli.DlvxAsync("dap", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--log-dest", help.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("go.alternateTools", help.StandardOutput, StringComparison.Ordinal);
    }

    private static int BreakpointLine() =>
        File.ReadAllLines(MainGo).Select((text, index) => (text, index)).Single(l => l.text.Contains("breakpoint line", StringComparison.Ordinal)).index + 1;

    private static string ProcessName(int pid) => Reliability.BackendFaultTests.ProcessName(pid);

    private static async Task<JsonObject?> TopFrameAsync(DapTestClient editor, JsonObject stopped)
    {
        var stack = await editor.RequestAsync("stackTrace", new JsonObject { ["threadId"] = stopped["body"]!["threadId"]!.GetValue<int>(), ["startFrame"] = 0, ["levels"] = 5 });
        Assert.True(DapTestClient.Succeeded(stack), stack.ToJsonString());
        return stack["body"]!["stackFrames"]![0]!.AsObject();
    }

    /// <summary>The session's dlv (dlvx's child) and the program (dlv's child).</summary>
    private static (int Delve, int Target) SessionProcesses(DlvxDapProcess dlvx)
    {
        var delve = Reliability.BackendFaultTests.ChildPids(dlvx.Process.Pid).Single(pid => ProcessName(pid) == "dlv");
        return (delve, Reliability.BackendFaultTests.ChildPids(delve).Single());
    }

    /// <summary>Disconnects as the editor does; dlvx answers, says the session ended, and exits; no process of the session is left.</summary>
    private static async Task DisconnectAndExpectNothingLeftAsync(DlvxDapProcess dlvx, DapTestClient editor, JsonObject? arguments, params int[] sessionProcesses)
    {
        var before = editor.Events.Count;
        var disconnect = await editor.RequestAsync("disconnect", arguments, StopTimeout);
        Assert.True(DapTestClient.Succeeded(disconnect), disconnect.ToJsonString());
        await editor.WaitForEventAsync("terminated", StopTimeout, after: before);
        Assert.True(await editor.IsClosedByServerAsync(StopTimeout), "dlvx did not close the connection after disconnect");
        Assert.Equal(0, await dlvx.Process.WaitForExitAsync(StopTimeout));
        var left = await ProcessTree.StillAliveAfterAsync([dlvx.Process.Pid, .. sessionProcesses], StopTimeout);
        Assert.True(left.Count == 0, $"still running after the disconnect: {string.Join(", ", left.Select(pid => $"{pid} ({ProcessName(pid)})"))}");
    }
}
