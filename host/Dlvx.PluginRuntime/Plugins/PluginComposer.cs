using System.Reflection;
using Dlvx.PluginRuntime.Commands;
using Dlvx.Sdk;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dlvx.PluginRuntime.Plugins;

/// <summary>
/// Finds a plugin's commands and services and composes its container, in one Scrutor scan of its
/// assembly: the scan registers every <c>[Command]</c> class (scoped: each invocation gets its own)
/// and finds the <see cref="IPluginStartup"/> classes; the command metadata is read from the same
/// registrations, so nothing else searches the assembly.
/// </summary>
internal static class PluginComposer
{
    /// <summary>Composes the plugin in <paramref name="assembly"/>.</summary>
    /// <param name="assembly">The plugin's main assembly, already loaded.</param>
    /// <param name="host">What the host gives every plugin.</param>
    /// <param name="runsInHost">
    /// False for a plugin that runs in a worker process: only its command metadata is read here,
    /// no plugin code runs in the host (no startup class, no command instance).
    /// </param>
    /// <exception cref="PluginLoadException">The plugin cannot be used; the message says why.</exception>
    public static (IReadOnlyList<CommandDescriptor> Commands, ServiceProvider Services) Compose(Assembly assembly, PluginHostServices host, bool runsInHost)
    {
        var services = new ServiceCollection();
        services.AddSingleton(host.Delve);
        host.GoRuntime.AddServices(services);
        services.AddSingleton(host.LoggerFactory);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        try
        {
            services.Scan(scan => scan
                .FromAssemblies(assembly)
                .AddClasses(classes => classes.WithAttribute<CommandAttribute>(), publicOnly: false)
                .AsSelf()
                .WithScopedLifetime()
                .AddClasses(classes => classes.AssignableTo<IPluginStartup>(), publicOnly: false)
                .As<IPluginStartup>()
                .WithSingletonLifetime());
        }
        catch (ReflectionTypeLoadException e)
        {
            var first = e.LoaderExceptions.FirstOrDefault(x => x is not null);
            throw new PluginLoadException($"cannot load its types: {first?.Message ?? e.Message}", e);
        }

        var commands = services
            .Where(d => d.ImplementationType?.IsDefined(typeof(CommandAttribute), inherit: false) == true)
            .Select(d => CommandDescriptor.FromType(d.ImplementationType!))
            .ToList();
        if (commands.Count == 0)
        {
            throw new PluginLoadException("the assembly declares no commands (classes with [Command] implementing ICommand)");
        }

        CommandTree.Link(commands);

        // Startup classes configure the container and are done: they are not services themselves.
        var startups = services.Where(d => d.ServiceType == typeof(IPluginStartup)).ToList();
        foreach (var startup in startups)
        {
            services.Remove(startup);
        }

        if (!runsInHost)
        {
            return (commands, new ServiceCollection().BuildServiceProvider());
        }

        foreach (var startup in startups)
        {
            var instance = (IPluginStartup)(Activator.CreateInstance(startup.ImplementationType!)
                ?? throw new PluginLoadException($"cannot create {startup.ImplementationType!.FullName}"));
            instance.ConfigureServices(services);
        }

        return (commands, services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true }));
    }
}
