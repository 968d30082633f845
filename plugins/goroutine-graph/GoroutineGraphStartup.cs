using Dlvx.Sdk;
using Microsoft.Extensions.DependencyInjection;

namespace Dlvx.Plugins.GoroutineGraph;

/// <summary>Keeps snapshots for the whole session.</summary>
public sealed class GoroutineGraphStartup : IPluginStartup
{
    public void ConfigureServices(IServiceCollection services) => services.AddSingleton<GoroutineSnapshotStore>();
}
