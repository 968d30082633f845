using System.Net;
using Dlvx.Host.Front;
using Dlvx.PluginRuntime.Commands;
using Dlvx.PluginRuntime.Delve;
using Dlvx.PluginRuntime.Plugins;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dlvx.Host.Tests.Front;

/// <summary>
/// The real front listener and proxies on a loopback port, with the test plugin's commands (none of
/// which needs Delve), in front of <paramref name="backend"/>.
/// </summary>
internal sealed class FrontHarness : IAsyncDisposable
{
    private readonly DelveClient pluginDelve;
    private readonly PluginCatalog catalog;
    private readonly FrontListener listener;

    private FrontHarness(DelveClient pluginDelve, PluginCatalog catalog, FrontListener listener)
    {
        this.pluginDelve = pluginDelve;
        this.catalog = catalog;
        this.listener = listener;
    }

    public IPEndPoint Address => listener.LocalEndpoint;

    public ConnectionStatistics Statistics => listener.Statistics;

    public static FrontHarness Start(DelveEndpoint backend)
    {
        var pluginDelve = PluginTestHost.UnusedDelve();
        var catalog = PluginCatalog.Load([TestPaths.ConflictingPlugin], PluginTestHost.Services(pluginDelve));
        Assert.Empty(catalog.Failures);
        var invoker = new CommandInvoker(catalog, pluginDelve, NullLogger.Instance, TimeSpan.FromSeconds(30));
        var listener = new FrontListener(new IPEndPoint(IPAddress.Loopback, 0), backend, invoker, new ProxyOptions { OnlySameUser = false }, NullLogger.Instance);
        listener.Start();
        return new FrontHarness(pluginDelve, catalog, listener);
    }

    public Task<FrontTestClient> ConnectAsync() => FrontTestClient.ConnectAsync(Address);

    /// <summary>
    /// Waits until the listener has accepted <paramref name="accepted"/> client connections in all
    /// and served every one of them to its end.
    /// </summary>
    public async Task WaitForClientsToFinishAsync(long accepted)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (Statistics.ClientConnectionsAccepted < accepted || Statistics.ClientConnectionsOpen > 0)
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await listener.DisposeAsync();
        await catalog.DisposeAsync();
        await pluginDelve.DisposeAsync();
    }
}
