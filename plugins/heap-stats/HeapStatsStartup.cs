using Dlvx.Sdk;
using Microsoft.Extensions.DependencyInjection;

namespace Dlvx.Plugins.HeapStats;

/// <summary>Registers the snapshot store that heap-stats snapshot and heap-stats diff share across invocations.</summary>
public sealed class HeapStatsStartup : IPluginStartup
{
    /// <inheritdoc/>
    public void ConfigureServices(IServiceCollection services) => services.AddSingleton<HeapSnapshotStore>();
}
