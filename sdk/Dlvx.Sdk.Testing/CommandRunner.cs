using System.Reflection;
using Dlvx.PluginRuntime.Commands;
using Dlvx.PluginRuntime.Plugins;
using Dlvx.Sdk.Delve;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dlvx.Sdk.Testing;

/// <summary>
/// Runs commands the way the dlvx host does (argument binding, <c>--help</c>, <c>--json</c>, the
/// running-target check, DI scopes, error messages), without a host process.
/// </summary>
public sealed class CommandRunner : IAsyncDisposable
{
    private readonly PluginCatalog catalog;
    private readonly CommandInvoker invoker;

    private CommandRunner(PluginCatalog catalog, IDelveClient delve, TimeSpan? timeout)
    {
        this.catalog = catalog;
        invoker = new CommandInvoker(catalog, delve, NullLogger.Instance, timeout);
    }

    /// <summary>Progress reports received so far.</summary>
    public IReadOnlyList<CommandProgress> ProgressReports => progress.Reports;

    private readonly RecordingProgress progress = new();

    /// <summary>
    /// Runs the commands of an assembly loaded in the test's own context (in-memory: no isolation,
    /// no plugin folder). <paramref name="delve"/> may be a real session's client or a fake.
    /// </summary>
    public static CommandRunner ForAssembly(Assembly assembly, IDelveClient delve, TimeSpan? timeout = null) =>
        new(PluginCatalog.FromPlugins([IsolatedPluginLoader.LoadInContext(assembly, new PluginHostServices(delve, NullLoggerFactory.Instance))]), delve, timeout);

    /// <summary>
    /// Loads plugins from folders (build or publish output) through the host's real loader, each in
    /// its own load context, exactly as <c>dlvx --plugins DIR</c> does.
    /// </summary>
    /// <exception cref="InvalidOperationException">A plugin failed to load; the message says why.</exception>
    public static CommandRunner ForPluginFolders(IDelveClient delve, params string[] folders)
    {
        var catalog = PluginCatalog.Load(folders, new PluginHostServices(delve, NullLoggerFactory.Instance));
        if (catalog.Failures.Count > 0)
        {
            throw new InvalidOperationException("plugins failed to load: " + string.Join("; ", catalog.Failures));
        }

        return new CommandRunner(catalog, delve, null);
    }

    /// <summary>Runs a command line such as <c>heap-stats -top 5</c>.</summary>
    public async Task<CommandRunResult> RunAsync(string commandLine, CancellationToken cancellationToken = default)
    {
        var outcome = await invoker.InvokeAsync(commandLine, ClientKind.Unknown, progress, cancellationToken);
        return new CommandRunResult(outcome.Succeeded, outcome.Text, outcome.Data);
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => catalog.DisposeAsync();

    private sealed class RecordingProgress : IProgress<CommandProgress>
    {
        private readonly List<CommandProgress> reports = [];

        public IReadOnlyList<CommandProgress> Reports
        {
            get
            {
                lock (reports)
                {
                    return reports.ToArray();
                }
            }
        }

        public void Report(CommandProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
