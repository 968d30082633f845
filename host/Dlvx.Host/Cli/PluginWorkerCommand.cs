using System.CommandLine;
using Dlvx.PluginRuntime.Delve;
using Dlvx.Host.Isolation;

namespace Dlvx.Host.Cli;

/// <summary><c>dlvx plugin-worker</c>: the process an isolated plugin runs in. Started by dlvx, not by people.</summary>
internal static class PluginWorkerCommand
{
    public static Command Create()
    {
        var command = new Command("plugin-worker", "Run one plugin for a dlvx host over stdin/stdout (internal)") { Hidden = true };
        var plugin = new Option<string>("--plugin") { Required = true };
        var backend = new Option<string>("--backend") { Required = true };
        var timeout = new Option<double>("--command-timeout") { DefaultValueFactory = _ => 60 };
        command.Options.Add(plugin);
        command.Options.Add(backend);
        command.Options.Add(timeout);
        command.SetAction((result, cancellationToken) => PluginWorkerServer.RunAsync(
            result.GetValue(plugin)!,
            DelveEndpoint.Parse(result.GetValue(backend)!),
            TimeSpan.FromSeconds(result.GetValue(timeout)),
            cancellationToken));
        return command;
    }
}
