using Dlvx.Plugins.RuntimeViews.Memory;
using Dlvx.Plugins.RuntimeViews.Scheduler;
using Dlvx.Sdk;
using Microsoft.Extensions.DependencyInjection;

namespace Dlvx.Plugins.RuntimeViews;

/// <summary>Registers the readers the commands are built on, one per invocation like the runtime model they use.</summary>
public sealed class RuntimeViewsStartup : IPluginStartup
{
    /// <inheritdoc/>
    public void ConfigureServices(IServiceCollection services) =>
        services.AddScoped<SchedulerReader>().AddScoped<AddressSpaceReader>().AddScoped<GoMemoryLayoutReader>();
}
