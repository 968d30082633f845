using Dlvx.Plugins.HeapStats.Snapshots;
using Dlvx.Plugins.HeapStats.Statistics;
using Dlvx.Sdk;
using Microsoft.Extensions.DependencyInjection;

namespace Dlvx.Plugins.HeapStats;

/// <summary>Registers the snapshot store that heap-stats snapshot and heap-stats diff share across invocations, and the statistics reader.</summary>
public sealed class HeapStatsStartup : IPluginStartup
{
    /// <inheritdoc/>
    public void ConfigureServices(IServiceCollection services) => services.AddSingleton<HeapSnapshotStore>().AddScoped<MemStatsReader>();
}
