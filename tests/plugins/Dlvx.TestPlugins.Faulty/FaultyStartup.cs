using Dlvx.Sdk;
using Microsoft.Extensions.DependencyInjection;

namespace Dlvx.TestPlugins.Faulty;

public sealed class FaultyStartup : IPluginStartup
{
    public void ConfigureServices(IServiceCollection services) => services.AddSingleton<PersistedState>();
}
