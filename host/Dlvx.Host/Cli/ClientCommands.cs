using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Dlvx.PluginRuntime.Commands;
using Dlvx.PluginRuntime.Delve;
using Dlvx.PluginRuntime.Plugins;
using Dlvx.Sdk.Text;
using Dlvx.Host.Session;
using Dlvx.Host.Terminal;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dlvx.Host.Cli;

/// <summary><c>run</c>, <c>commands</c>, <c>connect</c> and <c>starlark</c>: commands that use a running dlvx.</summary>
internal static class ClientCommands
{
    public static IEnumerable<Command> Create()
    {
        yield return Run();
        yield return Commands();
        yield return Connect();
        yield return Starlark();
    }

    /// <summary>The address option shared by client commands.</summary>
    internal static Option<string> AddressOption() => new("--addr", "-a")
    {
        Description = "The running dlvx, HOST:PORT (default: $DLVX_ADDR or 127.0.0.1:4040)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("DLVX_ADDR") is { Length: > 0 } addr ? addr : ListenAddress.Default,
    };

    private static Command Run()
    {
        var command = new Command("run", "Run a plugin command through a running dlvx and print its output");
        var address = AddressOption();
        var json = new Option<bool>("--json") { Description = "Print the command's structured data as JSON" };
        var words = new Argument<string[]>("command") { Description = "The command and its arguments", Arity = ArgumentArity.OneOrMore };
        command.Options.Add(address);
        command.Options.Add(json);
        command.Arguments.Add(words);
        command.SetAction(async (result, cancellationToken) =>
        {
            var progress = TerminalProgressBar.ForStandardError();
            await using var remote = new DlvxRemote(DelveEndpoint.Parse(result.GetValue(address)!), progress);
            try
            {
                var reply = await remote.RunAsync(result.GetValue(words)!, cancellationToken);
                progress?.Clear();
                Console.Out.WriteLine(result.GetValue(json) ? CommandInvoker.FormatJson(reply.Data) : reply.Text);
                return 0;
            }
            catch (Sdk.Delve.DelveConnectionException e)
            {
                progress?.Clear();
                Console.Error.WriteLine(NotReachable("run", result.GetValue(address)!, e));
                return 2;
            }
            catch (Sdk.Delve.DelveException e)
            {
                progress?.Clear();
                Console.Error.WriteLine(e.Message);
                return 1;
            }
        });
        return command;
    }

    // The client library words its errors for a Delve server; here the server is a dlvx.
    internal static string NotReachable(string verb, string address, Sdk.Delve.DelveConnectionException e, string addressHint = "pass --addr HOST:PORT") =>
        $"dlvx {verb}: cannot reach dlvx at {address} ({e.InnerException?.Message ?? e.Message}). Is dlvx running? Start it with dlvx exec|debug|attach|core|proxy, or {addressHint}.";

    private static Command Commands()
    {
        var command = new Command("commands", "List the plugin commands of a running dlvx");
        var address = AddressOption();
        command.Options.Add(address);
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var remote = new DlvxRemote(DelveEndpoint.Parse(result.GetValue(address)!));
            try
            {
                var commands = await remote.ListCommandsAsync(cancellationToken);
                var table = new TextTable().AddColumn("").AddColumn("");
                foreach (var c in commands)
                {
                    table.AddRow(c.Name, $"{c.Summary}{(c.Aliases.Count > 0 ? $" (alias: {string.Join(", ", c.Aliases)})" : "")}  [{c.Plugin}]");
                }

                Console.Out.WriteLine(commands.Count == 0 ? "no plugin commands are loaded" : table.ToString());

                return 0;
            }
            catch (Sdk.Delve.DelveConnectionException e)
            {
                Console.Error.WriteLine(NotReachable("commands", result.GetValue(address)!, e));
                return 2;
            }
            catch (Sdk.Delve.DelveException e)
            {
                Console.Error.WriteLine($"dlvx commands: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static Command Connect()
    {
        var command = new Command("connect", "Start the dlv terminal on a running dlvx, with every plugin command as a terminal command");
        var address = new Argument<string>("addr")
        {
            Description = "The running dlvx (default: $DLVX_ADDR or 127.0.0.1:4040)",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("DLVX_ADDR") is { Length: > 0 } addr ? addr : ListenAddress.Default,
        };
        var dlvArgs = new Argument<string[]>("dlv-args") { Description = "Extra arguments for dlv connect, after --", Arity = ArgumentArity.ZeroOrMore };
        command.Arguments.Add(address);
        command.Arguments.Add(dlvArgs);
        command.SetAction(async (result, cancellationToken) =>
        {
            var endpoint = DelveEndpoint.Parse(result.GetValue(address)!);
            IReadOnlyList<TerminalCommand> commands;
            await using (var remote = new DlvxRemote(endpoint))
            {
                try
                {
                    commands = await remote.ListCommandsAsync(cancellationToken);
                }
                catch (Sdk.Delve.DelveConnectionException e)
                {
                    Console.Error.WriteLine(NotReachable("connect", endpoint.ToString(), e, "give its address: dlvx connect HOST:PORT"));
                    return 2;
                }
                catch (Sdk.Delve.DelveException e)
                {
                    Console.Error.WriteLine($"dlvx connect: {e.Message}");
                    return 2;
                }
            }

            var folder = Path.Combine(Path.GetTempPath(), $"dlvx-{Environment.UserName}", $"connect-{Environment.ProcessId}");
            Directory.CreateDirectory(folder);
            var script = Path.Combine(folder, "dlvx.star");
            var init = Path.Combine(folder, "init");
            await File.WriteAllTextAsync(script, StarlarkScriptGenerator.Generate(commands), cancellationToken);
            await File.WriteAllTextAsync(init, $"source {script}\n", cancellationToken);
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DLVX_DLV") is { Length: > 0 } dlv ? dlv : "dlv") { UseShellExecute = false };
            foreach (var argument in new[] { "connect", endpoint.ToString(), "--init", init }.Concat(result.GetValue(dlvArgs) ?? []))
            {
                start.ArgumentList.Add(argument);
            }

            try
            {
                using var terminal = Process.Start(start) ?? throw new InvalidOperationException("cannot start dlv");

                // The terminal owns the keyboard: Ctrl-C belongs to it, not to us.
                using var sigint = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, c => c.Cancel = true);
                await terminal.WaitForExitAsync(CancellationToken.None);
                return terminal.ExitCode;
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                Console.Error.WriteLine($"dlvx connect: cannot run dlv: {e.Message}. Install Delve (Debian/Ubuntu: apt-get install -y delve).");
                return 2;
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        });
        return command;
    }

    private static Command Starlark()
    {
        var command = new Command("starlark", "Print the Starlark script that adds the plugin commands to the dlv terminal (use it with 'source')");
        var address = new Option<string>("--addr", "-a") { Description = "Ask this running dlvx for its commands instead of loading plugins locally" };
        var plugins = new Option<string[]>("--plugins") { Description = "Extra plugin folders (when loading locally)", Arity = ArgumentArity.ZeroOrMore };
        command.Options.Add(address);
        command.Options.Add(plugins);
        command.SetAction(async (result, cancellationToken) =>
        {
            IReadOnlyList<TerminalCommand> commands;
            if (result.GetValue(address) is { } addr)
            {
                await using var remote = new DlvxRemote(DelveEndpoint.Parse(addr));
                try
                {
                    commands = await remote.ListCommandsAsync(cancellationToken);
                }
                catch (Sdk.Delve.DelveConnectionException e)
                {
                    Console.Error.WriteLine(NotReachable("starlark", addr, e));
                    return 2;
                }
            }
            else
            {
                // No Delve needed: loading plugins only reads their metadata.
                await using var unused = new DelveClient(new DelveEndpoint("127.0.0.1", 1));
                await using var catalog = PluginCatalog.Load(PluginSearchPath.Resolve(result.GetValue(plugins) ?? [], false), new PluginHostServices(unused, NullLoggerFactory.Instance));
                foreach (var failure in catalog.Failures)
                {
                    Console.Error.WriteLine($"dlvx: plugin not loaded: {failure}");
                }

                commands = catalog.Commands.Select(c => new TerminalCommand(c.Command.Name, c.Command.Aliases, c.Command.Summary, c.Command.Usage, c.Plugin.Name)).ToList();
            }

            Console.Out.Write(StarlarkScriptGenerator.Generate(commands));
            return 0;
        });
        return command;
    }
}
