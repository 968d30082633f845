using System.CommandLine;
using Dlvx.Host.Session;

namespace Dlvx.Host.Cli;

/// <summary>The options every session-serving command takes.</summary>
internal sealed class SessionOptions
{
    public Option<string> Listen { get; } = new("--listen", "-l")
    {
        Description = "Address of the front port, HOST:PORT (port 0 picks a free port)",
        DefaultValueFactory = _ => ListenAddress.Default,
    };

    public Option<string[]> Plugins { get; } = new("--plugins")
    {
        Description = "A plugin folder, or a folder of plugin folders (repeatable)",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<bool> NoBundledPlugins { get; } = new("--no-bundled-plugins")
    {
        Description = "Do not load the bundled plugins (heap-stats, goroutine-graph, runtime-views, target-info); plugins given with --plugins and installed ones still load",
    };

    public Option<double> CommandTimeout { get; } = new("--command-timeout")
    {
        Description = "Seconds a plugin command may run before it is abandoned",
        DefaultValueFactory = _ => 60,
    };

    public Option<bool> AllowNonLoopback { get; } = new("--allow-non-loopback")
    {
        Description = "Allow --listen on an address other than loopback (unauthenticated access to the target!)",
    };

    public Option<bool> OnlySameUser { get; } = new("--only-same-user")
    {
        Description = "Refuse loopback connections from other users, as Delve does",
        DefaultValueFactory = _ => true,
    };

    public Option<string[]> Isolate { get; } = new("--isolate")
    {
        Description = "Run this plugin (by name) in its own worker process (repeatable; also \"isolation\": \"process\" in $DLVX_HOME/config.json)",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<int> MaxMessageMiB { get; } = new("--max-message-mib")
    {
        Description = "Largest message accepted from a client, in MiB; larger ones close the connection with an error",
        DefaultValueFactory = _ => 64,
    };

    public Option<bool> Watch { get; } = new("--watch")
    {
        Description = "Reload a --plugins plugin when its build output changes; the other plugins keep their state (for plugin authors)",
    };

    public Option<string> Dlv { get; } = new("--dlv")
    {
        Description = "The dlv to run (default: $DLVX_DLV, else dlv on PATH); it must debug the Go release that built the target",
        HelpName = "PATH",
    };

    public Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Log what dlvx does to stderr",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Listen);
        command.Options.Add(Plugins);
        command.Options.Add(NoBundledPlugins);
        command.Options.Add(CommandTimeout);
        command.Options.Add(AllowNonLoopback);
        command.Options.Add(OnlySameUser);
        command.Options.Add(Watch);
        command.Options.Add(MaxMessageMiB);
        command.Options.Add(Isolate);
        command.Options.Add(Dlv);
        command.Options.Add(Verbose);
    }

    /// <summary>The dlv to run: --dlv, else $DLVX_DLV, else dlv on PATH.</summary>
    public string DlvPath(ParseResult result) =>
        result.GetValue(Dlv) is { Length: > 0 } path ? path
        : Environment.GetEnvironmentVariable("DLVX_DLV") is { Length: > 0 } variable ? variable
        : "dlv";

    public SessionSettings Read(ParseResult result)
    {
        var timeout = result.GetValue(CommandTimeout);
        if (timeout <= 0 || double.IsNaN(timeout))
        {
            throw new FormatException("--command-timeout must be a positive number of seconds");
        }

        return new SessionSettings
        {
            Listen = result.GetValue(Listen) ?? ListenAddress.Default,
            PluginPaths = result.GetValue(Plugins) ?? [],
            NoBundledPlugins = result.GetValue(NoBundledPlugins),
            CommandTimeout = TimeSpan.FromSeconds(timeout),
            AllowNonLoopback = result.GetValue(AllowNonLoopback),
            Verbose = result.GetValue(Verbose),
            OnlySameUser = result.GetValue(OnlySameUser),
            Watch = result.GetValue(Watch),
            MaxMessageBytes = checked(result.GetValue(MaxMessageMiB) is var mib && mib is > 0 and <= 1024 ? mib * 1024 * 1024 : throw new FormatException("--max-message-mib must be between 1 and 1024")),
            Isolate = result.GetValue(Isolate) ?? [],
        };
    }
}
