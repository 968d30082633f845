using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using Dlvx.PluginRuntime.Commands;
using Dlvx.PluginRuntime.Plugins;
using Dlvx.Sdk;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dlvx.Host.Tests;

/// <summary>
/// Hot reload must not leak: after dlvx swaps in a reloaded catalog (what <c>--watch</c> does) and the old
/// one is disposed, nothing may keep the old plugin's load context alive, or every rebuild would pin
/// another copy of the plugin in memory.
/// </summary>
public sealed class PluginUnloadTests
{
    [Fact]
    public async Task AfterAReloadTheOldPluginsLoadContextIsCollected()
    {
        await using var delve = PluginTestHost.UnusedDelve();
        var host = PluginTestHost.Services(delve);
        var invoker = new CommandInvoker(PluginCatalog.Load([TestPaths.ConflictingPlugin], host), delve, NullLogger.Instance);
        try
        {
            var oldContext = await RunThenReloadAsync(invoker, host);

            for (var attempt = 0; attempt < 20 && oldContext.IsAlive; attempt++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }

            Assert.False(oldContext.IsAlive, "the old plugin's AssemblyLoadContext is still reachable after its catalog was disposed");

            // The reloaded catalog serves the next call.
            var after = await invoker.InvokeAsync(["test-echo", "again"], ClientKind.JsonRpc, null, CancellationToken.None);
            Assert.True(after.Succeeded, after.Text);
            Assert.Equal("again", after.Text);
        }
        finally
        {
            await invoker.Catalog.DisposeAsync();
        }
    }

    /// <summary>
    /// Runs a command on the loaded plugin (its result serialised, so serialiser caches see the plugin's
    /// types), swaps in a fresh catalog the way a reload does and disposes the old one once idle. Not
    /// inlined, so no local of this method survives in the caller's frame.
    /// </summary>
    /// <returns>A weak reference to the old catalog's plugin load context.</returns>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> RunThenReloadAsync(CommandInvoker invoker, PluginHostServices host)
    {
        var before = await invoker.InvokeAsync(["test-echo", "--count", "2", "hello"], ClientKind.JsonRpc, null, CancellationToken.None);
        Assert.True(before.Succeeded, before.Text);
        Assert.Equal("hello\nhello", before.Text);
        Assert.Equal(2, before.Data!.Value.GetProperty("Count").GetInt32());
        var json = await invoker.InvokeAsync(["test-echo", "--json", "hello"], ClientKind.Dap, null, CancellationToken.None);
        Assert.True(json.Succeeded, json.Text);

        var context = AssemblyLoadContext.GetLoadContext(invoker.Catalog.Plugins.Single().Commands[0].Type.Assembly)!;
        Assert.NotSame(AssemblyLoadContext.Default, context);
        Assert.True(context.IsCollectible);
        var weak = new WeakReference(context);

        var previous = invoker.SwapCatalog(PluginCatalog.Load([TestPaths.ConflictingPlugin], host));
        await previous.DisposeWhenIdleAsync(TimeSpan.FromSeconds(10));
        return weak;
    }
}
