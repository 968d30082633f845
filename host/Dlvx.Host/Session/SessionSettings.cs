namespace Dlvx.Host.Session;

/// <summary>Settings shared by every command that serves a session (exec, debug, attach, core, proxy).</summary>
internal sealed class SessionSettings
{
    public string Listen { get; init; } = ListenAddress.Default;

    public IReadOnlyList<string> PluginPaths { get; init; } = [];

    public bool NoBundledPlugins { get; init; }

    public TimeSpan CommandTimeout { get; init; } = Dlvx.PluginRuntime.Commands.CommandInvoker.DefaultTimeout;

    public bool AllowNonLoopback { get; init; }

    public int MaxMessageBytes { get; init; } = 64 * 1024 * 1024;

    public bool Verbose { get; init; }

    public bool OnlySameUser { get; init; } = true;

    public bool Watch { get; init; }

    /// <summary>Plugins (by name) to run in worker processes.</summary>
    public IReadOnlyList<string> Isolate { get; init; } = [];
}
