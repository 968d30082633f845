using System.Net.Sockets;
using System.Runtime.InteropServices;
using Dlvx.PluginRuntime.Commands;
using Dlvx.PluginRuntime.Delve;
using Dlvx.PluginRuntime.Plugins;
using Dlvx.Host.Api;
using Dlvx.Host.Front;
using Dlvx.Host.Isolation;
using Microsoft.Extensions.Logging;

namespace Dlvx.Host.Session;

/// <summary>
/// One dlvx session: the plugins, their Delve connection and the front port, in front of one
/// Delve server (supervised when dlvx started it).
/// </summary>
internal sealed class DlvxServer : IAsyncDisposable
{
    private readonly DelveServerProcess? ownedDelve;
    private readonly DelveClient pluginClient;
    private readonly FrontListener listener;
    private readonly ILoggerFactory loggerFactory;
    private readonly SessionSettings settings;
    private readonly PluginHostServices hostServices;

    // One reload at a time: --watch and dlvx plugins reload may ask at once.
    private readonly Lock reloadGate = new();
    private PluginWatcher? watcher;

    private DlvxServer(DelveEndpoint backend, DelveServerProcess? ownedDelve, DelveClient pluginClient, FrontListener listener, CommandInvoker invoker, ILoggerFactory loggerFactory, SessionSettings settings, PluginHostServices hostServices)
    {
        Backend = backend;
        this.ownedDelve = ownedDelve;
        this.pluginClient = pluginClient;
        this.listener = listener;
        Invoker = invoker;
        this.loggerFactory = loggerFactory;
        this.settings = settings;
        this.hostServices = hostServices;
    }

    public DelveEndpoint Backend { get; }

    public DelveEndpoint Address => new(listener.LocalEndpoint.Address.ToString(), listener.LocalEndpoint.Port);

    public CommandInvoker Invoker { get; }

    public PluginCatalog Catalog => Invoker.Catalog;

    /// <summary>Loads plugins and opens the front port in front of <paramref name="backend"/>.</summary>
    public static DlvxServer Start(SessionSettings settings, DelveEndpoint backend, DelveServerProcess? ownedDelve, ILoggerFactory loggerFactory)
    {
        var logger = loggerFactory.CreateLogger("dlvx");
        var endpoint = ListenAddress.Parse(settings.Listen, settings.AllowNonLoopback);
        if (!System.Net.IPAddress.IsLoopback(endpoint.Address))
        {
            // The same warning Delve prints for a non-loopback --listen.
            Console.Error.WriteLine("Warning: listening for remote connections (connections are not authenticated nor encrypted)");
        }

        var pluginClient = new DelveClient(backend);
        var isolated = IsolationConfig.ProcessIsolated(settings.Isolate);
        var hostServices = new PluginHostServices(
            pluginClient,
            loggerFactory,
            (name, path) => isolated.Contains(name) ? new PluginWorkerClient(name, path, backend, settings.CommandTimeout, logger) : null);

        // The plugins load while the port already serves: pass-through traffic needs none of them,
        // and loading them (verifying, reading and JIT-compiling their assemblies) takes longer
        // than everything else at start. Plugin commands wait for the load.
        var loading = Task.Run(() => LoadPlugins(settings, hostServices));

        // Separate tasks, so that nothing long-lived keeps the first catalog once a reload replaced it.
        var loadedPaths = loading.ContinueWith(static t => t.Result.Paths, TaskScheduler.Default);
        var loadedCatalog = loading.ContinueWith(static t => t.Result.Catalog, TaskScheduler.Default);
        var invoker = new CommandInvoker(loadedCatalog, pluginClient, logger, settings.CommandTimeout);
        DlvxServer? server = null;
        FrontListener listener;
        try
        {
            listener = new FrontListener(endpoint, backend, invoker, new ProxyOptions
            {
                MaxMessageBytes = settings.MaxMessageBytes,
                OnlySameUser = settings.OnlySameUser,
                PluginDelveRequests = () => pluginClient.RequestCount,
                PluginDelveRoundTrips = () => pluginClient.RoundTripCount,

                // Set before the listener starts, so no client can ask before there is a server to reload.
                ReloadPlugins = () => (server ?? throw new InvalidOperationException("dlvx is still starting")).ReloadFromSearchPath(),
            }, logger);
        }
        catch (SocketException e)
        {
            _ = loadedCatalog.ContinueWith(static t => t.Result.DisposeAsync().AsTask(), TaskScheduler.Default);
            throw new FormatException($"cannot listen on {settings.Listen}: {e.Message}{(e.SocketErrorCode == SocketError.AddressAlreadyInUse ? " (use --listen 127.0.0.1:0 to pick a free port)" : "")}", e);
        }

        server = new DlvxServer(backend, ownedDelve, pluginClient, listener, invoker, loggerFactory, settings, hostServices);
        listener.Start();
        if (settings.Watch)
        {
            // Only the plugins named with --plugins are an author's build output worth watching.
            // A change before the first load has finished waits for it, then reloads.
            var watched = server;
            server.watcher = new PluginWatcher(settings.PluginPaths.Select(Path.GetFullPath), () =>
            {
                try
                {
                    watched.Reload(loadedPaths.Result);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // On the watcher's timer thread an exception would end dlvx; the next change tries again.
                    Console.Error.WriteLine($"dlvx: reloading plugins failed: {e.Message}");
                }
            });
        }

        return server;
    }

    /// <summary>
    /// Loads again the plugins whose files changed under <paramref name="pluginPaths"/> and swaps them in;
    /// the others stay as they are, state included. Commands already running finish on the old code.
    /// </summary>
    internal ReloadPluginsResponse Reload(IReadOnlyList<string> pluginPaths)
    {
        lock (reloadGate)
        {
            var current = Invoker.Catalog;
            var next = current.Reload(pluginPaths, hostServices);
            var outcome = Describe(current, next);
            ReportFailures(next);
            Console.Error.WriteLine($"dlvx: {outcome.Summary}");

            // Swapped even when nothing changed: the current catalog has handed its plugins over to the
            // new one, which owns them from now on.
            var previous = Invoker.SwapCatalog(next);
            _ = previous.DisposeWhenIdleAsync(settings.CommandTimeout);
            return outcome;
        }
    }

    /// <summary>
    /// <c>Dlvx.ReloadPlugins</c>: looks for plugins again, as at start (so a plugin installed or updated
    /// since is found, and every installed one is verified again), and reloads what changed.
    /// </summary>
    internal ReloadPluginsResponse ReloadFromSearchPath() => Reload(PluginSearchPath.Resolve(settings.PluginPaths, settings.NoBundledPlugins).Paths);

    private static ReloadPluginsResponse Describe(PluginCatalog previous, PluginCatalog next)
    {
        var reloaded = next.Plugins.Except(next.Kept).Select(plugin =>
            previous.Plugins.FirstOrDefault(p => p.Name == plugin.Name) is { } old ? $"{plugin.Name} {old.Version} -> {plugin.Version}" : $"{plugin.Name} {plugin.Version} (new)");
        var removed = previous.Plugins.Where(old => next.Plugins.All(p => p.Name != old.Name)).Select(p => $"{p.Name} {p.Version}");
        return new ReloadPluginsResponse(
            [.. reloaded],
            [.. next.Kept.Select(p => $"{p.Name} {p.Version}")],
            [.. removed],
            [.. next.Failures.Select(f => f.ToString())]);
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static (IReadOnlyList<string> Paths, PluginCatalog Catalog) LoadPlugins(SessionSettings settings, PluginHostServices hostServices)
    {
        try
        {
            var (paths, shadowed) = PluginSearchPath.Resolve(settings.PluginPaths, settings.NoBundledPlugins);
            foreach (var plugin in shadowed)
            {
                // On stdout, once: which build of their plugin a developer's session runs is not a diagnostic.
                Console.Out.WriteLine(plugin.ToString());
            }

            var catalog = PluginCatalog.Load(paths, hostServices);
            ReportFailures(catalog);
            var commands = catalog.Commands.Select(c => c.Command.Name).ToList();
            Console.Error.WriteLine(commands.Count == 0
                ? "dlvx: plugins loaded: no plugin commands"
                : $"dlvx: plugins loaded: {Count(commands.Count, "command")} from {Count(catalog.Plugins.Count, "plugin")}: {string.Join(", ", commands)}");
            StartupProfile.Mark("plugins loaded (background)");
            StartupProfile.Report();
            return (paths, catalog);
        }
        catch (Exception e)
        {
            // Loading records each plugin's own failure; this is for anything else (an unreadable
            // plugin folder), so that the session still serves Delve.
            Console.Error.WriteLine($"dlvx: loading plugins failed: {e.Message}");
            return ([], PluginCatalog.Load([], hostServices));
        }
    }

    private static void ReportFailures(PluginCatalog catalog)
    {
        foreach (var failure in catalog.Failures)
        {
            Console.Error.WriteLine($"dlvx: plugin not loaded: {failure.Path}: {failure.Reason}");
        }
    }

    /// <summary>
    /// Serves until SIGINT/SIGTERM or until Delve goes away. Returns the process exit code.
    /// </summary>
    /// <param name="announce">
    /// Called once the signal handlers are in place, to print the listening line: a supervisor that
    /// sends SIGTERM as soon as it sees the line must reach our handler, not the default exit.
    /// </param>
    /// <param name="cancellationToken">Stops serving.</param>
    public async Task<int> ServeUntilStoppedAsync(Action announce, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
        announce();
        var backendGone = WatchBackendAsync(stop.Token);
        var stopped = Task.Delay(Timeout.Infinite, stop.Token);
        var first = await Task.WhenAny(backendGone, stopped);
        if (first == backendGone && !stop.IsCancellationRequested)
        {
            var reason = await backendGone;
            Console.Error.WriteLine($"dlvx: {reason}; shutting down");
            await DisposeAsync();
            return 1;
        }

        Console.Error.WriteLine("dlvx: shutting down");
        await DisposeAsync();
        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        watcher?.Dispose();
        await listener.DisposeAsync();
        if (ownedDelve is not null)
        {
            await ownedDelve.StopAsync(CancellationToken.None);
            await ownedDelve.DisposeAsync();
        }

        await pluginClient.DisposeAsync();
        await Invoker.Catalog.DisposeAsync();
    }

    /// <summary>Completes with a description when Delve exits or closes its port.</summary>
    private async Task<string> WatchBackendAsync(CancellationToken cancellationToken)
    {
        if (ownedDelve is not null)
        {
            var code = await ownedDelve.Exited.WaitAsync(cancellationToken);
            var error = ownedDelve.StandardError.Trim().Split('\n').LastOrDefault()?.Trim();
            return $"Delve exited unexpectedly with code {code}{(string.IsNullOrEmpty(error) ? "" : $" ({error})")}";
        }

        // Delve never writes unprompted on an idle JSON-RPC connection: a read that ends means it is gone.
        using var watch = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await watch.ConnectAsync(Backend.Host, Backend.Port, cancellationToken);
        var buffer = new byte[1];
        try
        {
            while (await watch.ReceiveAsync(buffer, SocketFlags.None, cancellationToken) > 0)
            {
            }
        }
        catch (SocketException)
        {
            // Reset: gone as well.
        }

        return $"the Delve server at {Backend} closed the connection";
    }
}
