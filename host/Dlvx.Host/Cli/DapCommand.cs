using System.CommandLine;
using Dlvx.Host.DapLaunch;
using Dlvx.Host.Session;

namespace Dlvx.Host.Cli;

/// <summary>
/// <c>dlvx dap</c>: dlv dap's command line, so that an editor configured to run dlvx as its dlv (the Go
/// extension's <c>go.alternateTools</c>, nvim-dap-go's <c>delve.path</c>) gets plugin commands in every
/// launch. It takes dlv dap's flags: those that concern the Delve of a launch are passed to it, those
/// dlv dap itself ignores are ignored with dlv's own warning, and any other flag is refused in one line.
/// </summary>
internal static class DapCommand
{
    public static Command Create()
    {
        var command = new Command(
            "dap",
            "Serve one editor's debug session over DAP, as dlv dap does: launch and attach requests start a supervised Delve with dlvx's plugin commands. "
            + "Set dlvx as the editor's dlv (VS Code: \"go.alternateTools\": {\"dlv\": \"/path/to/dlvx\"}; nvim-dap-go: delve.path).")
;

        // Whatever the parser does not know lands here, to be refused in one line by the action
        // rather than with the parser's usage text.
        var unexpected = new Argument<string[]>("unexpected") { Hidden = true, Arity = ArgumentArity.ZeroOrMore };
        command.Arguments.Add(unexpected);
        var listen = new Option<string>("--listen", "-l") { Description = "Where to listen for the editor, HOST:PORT (port 0 picks a free port)", DefaultValueFactory = _ => "127.0.0.1:0" };
        var clientAddress = new Option<string>("--client-addr") { Description = "Dial the editor waiting at HOST:PORT instead of listening (no listening line is printed)" };
        var log = new Option<bool>("--log") { Description = "Log what dlvx does, and Delve's own log, to --log-dest" };
        var logOutput = new Option<string>("--log-output") { Description = "Delve's components to log (dlv help log); needs --log" };
        var logDest = new Option<string>("--log-dest") { Description = "Where the listening line and the log go: a file, or an open file descriptor's number (default: stdout and stderr)" };
        var checkGoVersion = new Option<bool>("--check-go-version") { Description = "Refuse a Delve that cannot debug the Go that builds or built the target", DefaultValueFactory = _ => true };
        var disableAslr = new Option<bool>("--disable-aslr") { Description = "Passed to Delve: disable address space randomization" };
        var backend = new Option<string>("--backend") { Description = "Passed to Delve for launches that name no backend (dlv help backend)" };
        var redirect = new Option<string[]>("--redirect", "-r") { Description = "Passed to Delve: redirect the program's stdin, stdout or stderr (dlv help redirect)", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false };

        // dlv dap accepts these and ignores them (the first five with a warning); so does dlvx dap.
        var ignored = new (Option Option, string? Warning)[]
        {
            (new Option<bool>("--headless") { Hidden = true }, "Warning: dap mode is always headless"),
            (new Option<bool>("--accept-multiclient") { Hidden = true }, "Warning: accept-multiclient mode not supported with dap"),
            (new Option<string>("--wd") { Hidden = true }, "Warning: working directory ignored with dap: specify via launch request instead"),
            (new Option<string>("--build-flags") { Hidden = true }, "Warning: build flags ignored with dap; specify via launch/attach request instead"),
            (new Option<string>("--init") { Hidden = true }, "Warning: init file ignored with dap"),
            (new Option<int>("--api-version") { Hidden = true }, null),
            (new Option<bool>("--allow-non-terminal-interactive") { Hidden = true }, null),
        };

        var session = new SessionOptions();
        foreach (var option in new Option[] { listen, clientAddress, log, logOutput, logDest, checkGoVersion, disableAslr, backend, redirect })
        {
            command.Options.Add(option);
        }

        foreach (var option in new Option[] { session.Dlv, session.Plugins, session.NoBundledPlugins, session.CommandTimeout, session.Isolate, session.MaxMessageMiB, session.AllowNonLoopback, session.OnlySameUser })
        {
            command.Options.Add(option);
        }

        foreach (var (option, _) in ignored)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (result, cancellationToken) =>
        {
            if (result.GetValue(unexpected) is [var token, ..])
            {
                throw new FormatException(token.StartsWith('-')
                    ? $"dap: unknown flag '{token}' (dlvx dap --help lists the flags it takes)"
                    : $"dap: unexpected argument '{token}': the program comes in the editor's launch request");
            }

            foreach (var (option, warning) in ignored)
            {
                if (warning is not null && result.GetResult(option) is { Implicit: false })
                {
                    Console.Error.WriteLine(warning);
                }
            }

            var logging = result.GetValue(log);
            if (!string.IsNullOrEmpty(result.GetValue(logOutput)) && !logging)
            {
                throw new FormatException("--log-output specified without --log");
            }

            if (result.GetValue(clientAddress) is { Length: > 0 } && result.GetResult(listen) is { Implicit: false })
            {
                throw new FormatException("--listen and --client-addr: dlvx dap either listens for the editor or dials it, not both");
            }

            var delveFlags = new List<string>();
            if (!result.GetValue(checkGoVersion))
            {
                delveFlags.Add("--check-go-version=false");
            }

            if (result.GetValue(disableAslr))
            {
                delveFlags.Add("--disable-aslr");
            }

            foreach (var rule in result.GetValue(redirect) ?? [])
            {
                delveFlags.Add("-r");
                delveFlags.Add(rule);
            }

            if (logging)
            {
                delveFlags.Add("--log");
                if (result.GetValue(logOutput) is { Length: > 0 } components)
                {
                    delveFlags.Add($"--log-output={components}");
                }
            }

            var timeout = result.GetValue(session.CommandTimeout);
            if (timeout <= 0 || double.IsNaN(timeout))
            {
                throw new FormatException("--command-timeout must be a positive number of seconds");
            }

            var maxMessageMiB = result.GetValue(session.MaxMessageMiB);
            if (maxMessageMiB is <= 0 or > 1024)
            {
                throw new FormatException("--max-message-mib must be between 1 and 1024");
            }

            var settings = new DapAdapterSettings
            {
                Listen = result.GetValue(listen) ?? "127.0.0.1:0",
                ClientAddress = result.GetValue(clientAddress) is { Length: > 0 } dial ? dial : null,
                AllowNonLoopback = result.GetValue(session.AllowNonLoopback),
                OnlySameUser = result.GetValue(session.OnlySameUser),
                Log = logging,
                DlvPath = session.DlvPath(result),
                CheckGoVersion = result.GetValue(checkGoVersion),
                Backend = result.GetValue(backend),
                DelveFlags = delveFlags,
                Session = new SessionSettings
                {
                    // The launched session's own front port: loopback, any free port; dlvx prints it
                    // in the editor's console for other clients.
                    Listen = "127.0.0.1:0",
                    PluginPaths = result.GetValue(session.Plugins) ?? [],
                    NoBundledPlugins = result.GetValue(session.NoBundledPlugins),
                    CommandTimeout = TimeSpan.FromSeconds(timeout),
                    MaxMessageBytes = maxMessageMiB * 1024 * 1024,
                    OnlySameUser = result.GetValue(session.OnlySameUser),
                    Isolate = result.GetValue(session.Isolate) ?? [],
                },
            };
            using var destination = DapLogDestination.Open(result.GetValue(logDest));
            return await DapAdapter.RunAsync(settings, destination, cancellationToken);
        });
        return command;
    }
}
