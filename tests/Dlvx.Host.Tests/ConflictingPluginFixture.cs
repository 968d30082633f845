using Dlvx.PluginRuntime.Commands;
using Dlvx.PluginRuntime.Delve;
using Dlvx.PluginRuntime.Plugins;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dlvx.Host.Tests;

/// <summary>The test plugin Dlvx.TestPlugins.Conflicting loaded through the real loader, with a Delve client that is never reached.</summary>
public sealed class ConflictingPluginFixture : IAsyncLifetime
{
    private PluginCatalog? catalog;

    internal DelveClient Delve { get; } = PluginTestHost.UnusedDelve();

    internal PluginCatalog Catalog => catalog ?? throw new InvalidOperationException("not initialised");

    /// <summary>An invoker of the plugin's commands.</summary>
    internal CommandInvoker Invoker(TimeSpan? timeout = null) => new(Catalog, Delve, NullLogger.Instance, timeout ?? TimeSpan.FromSeconds(10));

    public Task InitializeAsync()
    {
        catalog = PluginCatalog.Load([TestPaths.ConflictingPlugin], PluginTestHost.Services(Delve));
        Assert.Empty(catalog.Failures);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (catalog is not null)
        {
            await catalog.DisposeAsync();
        }

        await Delve.DisposeAsync();
    }
}
