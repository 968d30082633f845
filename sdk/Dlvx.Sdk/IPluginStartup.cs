using Microsoft.Extensions.DependencyInjection;

namespace Dlvx.Sdk;

/// <summary>
/// Optional: a plugin class implementing this interface (with a public parameterless constructor)
/// adds its own services to the plugin's container before any command runs.
/// </summary>
/// <remarks>
/// Each plugin has its own container, layered on the host's services (<see cref="Delve.IDelveClient"/>,
/// <c>ILogger&lt;T&gt;</c>). Singletons registered here live as long as the plugin is loaded,
/// which makes them the place for state kept across invocations, such as snapshots. When dlvx
/// stops (or reloads the plugin) it disposes them: a singleton implementing <see cref="IAsyncDisposable"/>
/// is where state the user asked to persist gets flushed.
/// </remarks>
public interface IPluginStartup
{
    /// <summary>Adds the plugin's services.</summary>
    /// <param name="services">The plugin's service collection.</param>
    void ConfigureServices(IServiceCollection services);
}
