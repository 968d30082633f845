using System.CommandLine;
using System.Diagnostics;
using Dlvx.PluginRuntime.Delve;
using Dlvx.Host.Demo;
using Dlvx.Host.Session;
using Dlvx.Host.Terminal;
using Dlvx.Sdk.Delve;
using Microsoft.Extensions.Logging;

namespace Dlvx.Host.Cli;

/// <summary><c>dlvx demo</c>: the whole path on a bundled Go program.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var command = new Command("demo", "Build a bundled leaky Go program, serve it under dlvx, and run every plugin command through real clients");
        var keep = new Option<bool>("--keep") { Description = "Leave the session running and print how to attach the dlv terminal and VS Code" };
        var listen = new Option<string>("--listen", "-l") { Description = "Front port address (default 127.0.0.1:4040 with --keep, a free port otherwise)" };
        var dlv = new Option<string>("--dlv") { Description = "The dlv to run (default: $DLVX_DLV, else dlv on PATH)", HelpName = "PATH" };
        var report = new Option<string>("--report") { Description = $"Where to write the HTML report of the stopped target (default: artifacts/demo/{ReportCommand.DefaultFile} in the repository)", HelpName = "FILE" };
        command.Options.Add(keep);
        command.Options.Add(listen);
        command.Options.Add(dlv);
        command.Options.Add(report);
        command.SetAction((result, cancellationToken) => RunAsync(result.GetValue(keep), result.GetValue(listen), result.GetValue(dlv), result.GetValue(report), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(bool keep, string? listen, string? dlvPath, string? reportPath, CancellationToken cancellationToken)
    {
        var root = RepositoryLayout.FindRoot();
        if (root is null)
        {
            Console.Error.WriteLine("dlvx demo: cannot find demo/leaky (run it from the dlvx repository, or set DLVX_REPO)");
            return 2;
        }

        if (dlvPath is { Length: > 0 })
        {
            // The demo's Delve server and its dlv terminal client both follow DLVX_DLV.
            Environment.SetEnvironmentVariable("DLVX_DLV", Path.GetFullPath(dlvPath));
        }

        var binary = Path.Combine(Path.GetTempPath(), $"dlvx-demo-{Environment.ProcessId}", "leaky");
        Step($"building demo/leaky with go build -gcflags='all=-N -l'");
        await GoBuilder.BuildAsync(Path.Combine(root, "demo", "leaky"), binary, cancellationToken);

        Step("starting dlv exec --headless --accept-multiclient --api-version=2 and dlvx in front of it");
        var delve = await DelveServerProcess.StartAsync(new DelveLaunchOptions { Mode = DelveLaunchMode.Exec, Targets = [binary] }, cancellationToken);
        using var loggerFactory = Logging.StandardErrorLoggerProvider.CreateFactory(LogLevel.Warning);
        var settings = new SessionSettings { Listen = listen ?? (keep ? ListenAddress.Default : "127.0.0.1:0") };
        DlvxServer server;
        try
        {
            server = DlvxServer.Start(settings, delve.Endpoint, delve, loggerFactory);
        }
        catch
        {
            await delve.StopAsync(CancellationToken.None);
            throw;
        }

        try
        {
            var address = server.Address;
            Step($"dlvx listening at: {address} (Delve at {delve.Endpoint}); plugins: {string.Join(", ", server.Catalog.Plugins.Select(p => $"{p.Name} {p.Version}"))}");
            await using var rpc = new DelveClient(address);
            await rpc.CreateBreakpointAsync(new Breakpoint { FunctionName = "main.checkpoint", Cond = "round == 3" }, cancellationToken);
            var state = await rpc.CommandAsync(DebuggerCommands.Continue, cancellationToken: cancellationToken);
            Step($"target stopped at {state.CurrentThread?.Function?.Name} {Path.GetFileName(state.CurrentThread?.File)}:{state.CurrentThread?.Line} (breakpoint with condition round == 3, set through dlvx)");

            var commands = server.Catalog.Commands.Select(c => c.Command).Where(c => !c.Name.Contains(' ', StringComparison.Ordinal)).ToList();
            var routes = new Func<string, Task<(string Route, string Output, bool Succeeded)>>[]
            {
                line => RunInTerminalAsync(address, line, cancellationToken),
                line => RunOverDapAsync(address, line, cancellationToken),
                line => RunWithDlvxRunAsync(address, line, cancellationToken),
                line => RunWithEvalAsync(rpc, line, cancellationToken),
            };
            // A command that needs an argument runs only where the demo knows one for its program.
            var lines = commands.Where(c => !c.Arguments.Any(a => a.Required)).Select(c => c.Name).ToList();
            if (commands.Any(c => c.Name == "heap-stats"))
            {
                lines.Add("heap-stats --by-type -top 8");
                lines.Add("heap-stats --dominators -top 5");
            }

            if (commands.Any(c => c.Name == "heap-path"))
            {
                lines.Add("heap-path main.history[0]");
            }

            if (commands.Any(c => c.Name == "goroutine-graph"))
            {
                lines.Add("goroutine-graph -format mermaid -s blocking");
            }

            // A demo that hides a failed command misleads whoever runs it to check a toolchain: every
            // failure is named at the end and makes the exit code non-zero.
            var failures = new List<string>();
            for (var i = 0; i < lines.Count; i++)
            {
                var watch = Stopwatch.StartNew();
                var (route, output, succeeded) = await routes[i % routes.Length](lines[i]);
                Console.Out.WriteLine();
                Console.Out.WriteLine($"===== {lines[i]}  [{route}, {watch.ElapsedMilliseconds} ms]{(succeeded ? "" : " FAILED")} =====");
                Console.Out.WriteLine(output.TrimEnd());
                if (!succeeded)
                {
                    failures.Add($"{lines[i]} ({route})");
                }
            }

            Console.Out.WriteLine();

            // The same stop as one page for a browser, the way dlvx report writes it.
            var reportFile = reportPath ?? Path.Combine(root, "artifacts", "demo", ReportCommand.DefaultFile);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(reportFile))!);
            Step($"writing the HTML report of this stop (dlvx report --addr {address} -o {reportFile})");
            var (reportCode, written) = await ReportCommand.WriteAsync(address, reportFile, 15, Console.Error, cancellationToken);
            if (written is not null)
            {
                Step($"report written: {written} (open it in a browser; it needs no network)");
                Console.Out.WriteLine($"report: {written}");
            }

            if (failures.Count > 0)
            {
                Step($"{failures.Count} of {lines.Count} commands failed: {string.Join("; ", failures)}");
            }

            if (reportCode != 0)
            {
                Step("the report is incomplete: some of its sections failed (see the lines above)");
            }

            var exitCode = failures.Count > 0 || reportCode != 0 ? 1 : 0;
            if (keep)
            {
                var served = await server.ServeUntilStoppedAsync(() => PrintAttachInstructions(address), cancellationToken);
                return served != 0 ? served : exitCode;
            }

            Step("shutting down: dlvx, Delve and the target");
            await server.DisposeAsync();
            return exitCode;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(binary)!, recursive: true);
        }
    }

    private static void Step(string text) => Console.Error.WriteLine($"dlvx demo: {text}");

    private static async Task<(string, string, bool)> RunInTerminalAsync(DelveEndpoint address, string line, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("dlvx-demo-terminal-").FullName;
        try
        {
            await using var remote = new DlvxRemote(address);
            var script = Path.Combine(folder, "dlvx.star");
            await File.WriteAllTextAsync(script, StarlarkScriptGenerator.Generate(await remote.ListCommandsAsync(cancellationToken)), cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(folder, "init"), $"source {script}\n", cancellationToken);
            var terminalLine = Dlvx.PluginRuntime.Commands.CommandNames.ToTerminalName(line.Split(' ')[0]) + line[line.Split(' ')[0].Length..];
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DLVX_DLV") is { Length: > 0 } dlv ? dlv : "dlv") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "connect", address.ToString(), "--init", Path.Combine(folder, "init"), "--allow-non-terminal-interactive" })
            {
                start.ArgumentList.Add(argument);
            }

            using var terminal = Process.Start(start)!;
            // "n": leave the headless instance running when asked; the terminal then exits 0 (2 at EOF).
            await terminal.StandardInput.WriteAsync($"{terminalLine}\nexit\nn\n");
            terminal.StandardInput.Close();
            // Both streams at once: the terminal prints a failed command's error on stderr.
            var errorOutput = terminal.StandardError.ReadToEndAsync(cancellationToken);
            var output = await terminal.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = await errorOutput;
            await terminal.WaitForExitAsync(cancellationToken);

            // Keep what the command printed: drop the banner and the exit prompt.
            var text = output.Replace("Type 'help' for list of commands.", "", StringComparison.Ordinal);
            var cut = text.IndexOf("(dlv) Would you like", StringComparison.Ordinal);
            text = (cut >= 0 ? text[..cut] : text).Replace("(dlv) ", "", StringComparison.Ordinal);

            // The terminal reports a failed command (an eval error from dlvx, here) as "Command failed: ..."
            // on stderr and still exits 0; a non-zero exit means the terminal itself broke.
            var succeeded = terminal.ExitCode == 0 && !errors.Contains("Command failed", StringComparison.Ordinal);
            return ($"dlv terminal: (dlv) {terminalLine}", (text.Trim() + "\n" + errors.Trim()).Trim(), succeeded);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(string, string, bool)> RunOverDapAsync(DelveEndpoint address, string line, CancellationToken cancellationToken)
    {
        await using var dap = new DemoDapClient();
        await dap.ConnectAsync(address.Host, address.Port, cancellationToken);
        var (result, succeeded) = await dap.EvaluateAsync($"dlv {line}", cancellationToken);
        return ($"DAP evaluate (VS Code debug console): dlv {line}", result, succeeded);
    }

    private static async Task<(string, string, bool)> RunWithDlvxRunAsync(DelveEndpoint address, string line, CancellationToken cancellationToken)
    {
        try
        {
            await using var remote = new DlvxRemote(address);
            var reply = await remote.RunAsync(Dlvx.PluginRuntime.Commands.CommandLineSplitter.Split(line), cancellationToken);
            return ("JSON-RPC Dlvx.Run", reply.Text, true);
        }
        catch (DelveException e)
        {
            return ("JSON-RPC Dlvx.Run", "error: " + e.Message, false);
        }
    }

    private static async Task<(string, string, bool)> RunWithEvalAsync(DelveClient rpc, string line, CancellationToken cancellationToken)
    {
        try
        {
            var value = await rpc.EvalAsync($"dlv {line}", cancellationToken: cancellationToken);
            return ($"JSON-RPC RPCServer.Eval (GoLand): dlv {line}", value.Value, true);
        }
        catch (DelveException e)
        {
            return ($"JSON-RPC RPCServer.Eval (GoLand): dlv {line}", "error: " + e.Message, false);
        }
    }

    private static void PrintAttachInstructions(DelveEndpoint address)
    {
        Console.Out.WriteLine($$"""
            dlvx is serving the demo at {{address}}. The target is stopped at main.checkpoint.

              dlv terminal:  ./dlvx connect {{address}}
                             then: help, heap_stats, goroutine_graph -s blocking, memory_map, sched_stats
              VS Code:       add to .vscode/launch.json and start "dlvx demo":
                               {"name": "dlvx demo", "type": "go", "request": "attach", "mode": "remote",
                                "host": "{{address.Host}}", "port": {{address.Port}}}
                             then type in the Debug Console: dlv help, dlv heap-stats
              shell:         ./dlvx run --addr {{address}} heap-stats
                             ./dlvx report --addr {{address}} -o report.html
              JSON-RPC:      {"method":"Dlvx.Run","params":[{"Command":"heap-stats","Args":[]}],"id":1}

            Press Ctrl-C to stop dlvx, Delve and the target.
            """);
    }
}
