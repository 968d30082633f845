using Dlvx.PluginRuntime.GoRuntime;
using Dlvx.Sdk.Delve;
using Microsoft.Extensions.Logging;

namespace Dlvx.PluginRuntime.Plugins;

/// <summary>The host services every plugin's container starts from.</summary>
/// <param name="Delve">The plugins' own connection to the session's Delve.</param>
/// <param name="LoggerFactory">Where plugin logs go.</param>
/// <param name="WorkerFactory">
/// Given a plugin's name and main assembly, returns a worker when the plugin must run out of
/// process, or null to run it in the host.
/// </param>
internal sealed record PluginHostServices(IDelveClient Delve, ILoggerFactory LoggerFactory, Func<string, string, IPluginWorker?>? WorkerFactory = null)
{
    /// <summary>The session's Go runtime model (layout, memory, heap), shared by every plugin loaded with these services.</summary>
    public GoRuntimeSession GoRuntime { get; } = new(Delve);
}
