using System.CommandLine;
using Dlvx.PluginRuntime.Delve;

namespace Dlvx.Host.Cli;

/// <summary>The <c>dlvx</c> command line.</summary>
internal static class DlvxCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand(
            "dlvx fronts a Delve debug server and adds plugin commands (heap-stats, goroutine-graph, ...) to every Delve client: " +
            "the dlv terminal, VS Code (DAP) and JSON-RPC clients such as GoLand.");
        foreach (var command in SessionCommands.Create().Append(DapCommand.Create()).Concat(ClientCommands.Create()).Append(ReportCommand.Create()).Append(DemoCommand.Create()).Append(DoctorCommand.Create()).Append(PluginsCommand.Create()).Append(SdkCommand.Create()).Append(PluginWorkerCommand.Create()))
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var parse = Build().Parse(PassThroughAfterCommand(args));
        try
        {
            // SIGINT/SIGTERM cancel the running command; give it time to stop Delve and the target cleanly.
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = TimeSpan.FromSeconds(20) });
        }
        catch (Exception e) when (e is DelveStartException or FormatException or Dlvx.Sdk.Delve.DelveException)
        {
            Console.Error.WriteLine($"dlvx: {e.Message}");
            return 2;
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
    }

    /// <summary>
    /// <c>dlvx run heap-stats -top 5</c>: everything from the plugin command's name on belongs to the
    /// plugin, so a <c>--</c> is inserted there and dlvx's own parser leaves it alone.
    /// </summary>
    internal static string[] PassThroughAfterCommand(string[] args)
    {
        if (args.Length < 2 || args[0] != "run" || args.Contains("--"))
        {
            return args;
        }

        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--addr" or "-a":
                    i++;
                    continue;
                case "--json" or "--help" or "-h" or "-?":
                    continue;
            }

            if (args[i].StartsWith("--addr=", StringComparison.Ordinal))
            {
                continue;
            }

            return [.. args[..i], "--", .. args[i..]];
        }

        return args;
    }
}
