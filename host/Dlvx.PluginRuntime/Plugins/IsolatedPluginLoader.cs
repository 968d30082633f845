using System.Reflection;
using Dlvx.PluginRuntime.Commands;
using Dlvx.Sdk;
using Dlvx.Sdk.Delve;
using McMaster.NETCore.Plugins;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using McMasterLoader = McMaster.NETCore.Plugins.PluginLoader;

namespace Dlvx.PluginRuntime.Plugins;

/// <summary>
/// Loads one plugin assembly into its own <see cref="System.Runtime.Loader.AssemblyLoadContext"/>
/// and composes its service provider. Only the SDK and what it exposes are shared with the host.
/// </summary>
internal static class IsolatedPluginLoader
{
    /// <summary>The types whose assemblies are shared between the host and every plugin.</summary>
    internal static readonly Type[] SharedTypes =
    [
        typeof(ICommand),
        typeof(IServiceCollection),
        typeof(ILogger),
    ];

    /// <summary>Loads the plugin whose main assembly is <paramref name="assemblyPath"/>.</summary>
    /// <exception cref="PluginLoadException">The plugin cannot be used; the message says why.</exception>
    public static LoadedPlugin Load(string assemblyPath, PluginHostServices host)
    {
        ArgumentNullException.ThrowIfNull(host);

        // Taken before the files are read, so a rebuild during the load shows as a change at the next reload.
        string fingerprint;
        try
        {
            fingerprint = PluginFingerprint.Compute(assemblyPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PluginLoadException($"cannot read the plugin's files: {e.Message}", e);
        }

        var loader = McMasterLoader.CreateFromAssemblyFile(Path.GetFullPath(assemblyPath), SharedTypes, config =>
        {
            // Only the shared types' assemblies and their references (Dlvx.Sdk, the DI and logging
            // abstractions) come from the host. With PreferSharedTypes every assembly the host also
            // carries would come from the host too: a plugin built against Newtonsoft.Json 12 would get
            // the host's 13 (through StreamJsonRpc) and a plugin's dependencies would change with dlvx's.
            // What a plugin does not ship itself still resolves from the host.
            config.PreferSharedTypes = false;
            config.IsUnloadable = true;

            // Read into memory so a rebuilt plugin can replace the files while loaded.
            config.LoadInMemory = true;
        });
        try
        {
            var assembly = loader.LoadDefaultAssembly();
            var sdkVersion = assembly.GetReferencedAssemblies().FirstOrDefault(a => a.Name == "Dlvx.Sdk")?.Version;
            if (sdkVersion is null)
            {
                throw new PluginLoadException("not a dlvx plugin: the assembly does not reference Dlvx.Sdk");
            }

            var hostSdk = typeof(ICommand).Assembly.GetName().Version!;
            if (sdkVersion.Major != hostSdk.Major || sdkVersion > hostSdk)
            {
                throw new PluginLoadException($"built against Dlvx.Sdk {sdkVersion}, but this host carries {hostSdk}; rebuild the plugin against Dlvx.Sdk {hostSdk.Major}.x no newer than {hostSdk}");
            }

            var name = assembly.GetName().Name ?? Path.GetFileNameWithoutExtension(assemblyPath);

            var worker = host.WorkerFactory?.Invoke(name, Path.GetFullPath(assemblyPath));
            var (commands, services) = PluginComposer.Compose(assembly, host, runsInHost: worker is null);
            var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
                ?? assembly.GetName().Version?.ToString() ?? "0.0.0";
            return new LoadedPlugin(name, version, Path.GetFullPath(assemblyPath), sdkVersion, loader, services, commands) { Worker = worker, Fingerprint = fingerprint };
        }
        catch (Exception e)
        {
            loader.Dispose();
            throw e switch
            {
                PluginLoadException => e,
                InvalidOperationException => new PluginLoadException(e.Message, e),
                TypeLoadException or MissingMethodException or FileNotFoundException or FileLoadException or BadImageFormatException or ReflectionTypeLoadException =>
                    new PluginLoadException($"{e.GetType().Name}: {e.Message} (a plugin built against newer Microsoft.Extensions.* abstractions than the host carries fails this way)", e),
                _ => new PluginLoadException($"{e.GetType().Name}: {e.Message}", e),
            };
        }
    }

    /// <summary>
    /// Composes a plugin from an assembly already loaded in the caller's context, without isolation.
    /// For in-memory tests of commands (the test kit); the host always uses <see cref="Load"/>.
    /// </summary>
    public static LoadedPlugin LoadInContext(Assembly assembly, PluginHostServices host)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentNullException.ThrowIfNull(host);
        var (commands, services) = PluginComposer.Compose(assembly, host, runsInHost: true);
        var name = assembly.GetName().Name ?? "plugin";
        return new LoadedPlugin(name, assembly.GetName().Version?.ToString() ?? "0.0.0", assembly.Location, typeof(ICommand).Assembly.GetName().Version, null, services, commands);
    }
}
