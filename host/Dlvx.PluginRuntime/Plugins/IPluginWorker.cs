using Dlvx.PluginRuntime.Commands;
using Dlvx.Sdk;

namespace Dlvx.PluginRuntime.Plugins;

/// <summary>
/// Runs a plugin's commands outside the host process (isolation: process), so that faults no
/// process survives (stack overflow, Environment.Exit, a native crash) cost only that call.
/// </summary>
internal interface IPluginWorker : IAsyncDisposable
{
    /// <summary>Runs a command line (name first) in the worker and returns its outcome; never throws for plugin faults.</summary>
    /// <param name="words">The command and its arguments.</param>
    /// <param name="client">The route.</param>
    /// <param name="progress">Where the command's progress goes, passed through from the worker; may be null.</param>
    /// <param name="cancellationToken">Cancels the command.</param>
    Task<CommandOutcome> InvokeAsync(IReadOnlyList<string> words, ClientKind client, IProgress<CommandProgress>? progress, CancellationToken cancellationToken);
}
