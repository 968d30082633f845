using Dlvx.PluginRuntime.Commands;
using McMasterLoader = McMaster.NETCore.Plugins.PluginLoader;

namespace Dlvx.PluginRuntime.Plugins;

/// <summary>A plugin loaded into its own load context, with its own service provider.</summary>
internal sealed class LoadedPlugin : IAsyncDisposable
{
    internal LoadedPlugin(string name, string version, string assemblyPath, Version? sdkVersion, McMasterLoader? loader, IServiceProvider services, IReadOnlyList<CommandDescriptor> commands)
    {
        Name = name;
        Version = version;
        AssemblyPath = assemblyPath;
        SdkVersion = sdkVersion;
        Loader = loader;
        Services = services;
        Commands = commands;
    }

    /// <summary>The plugin's name (its assembly name).</summary>
    public string Name { get; }

    /// <summary>The plugin's informational version.</summary>
    public string Version { get; }

    /// <summary>The plugin's main assembly.</summary>
    public string AssemblyPath { get; }

    /// <summary>
    /// Its files' <see cref="PluginFingerprint"/> when it was loaded; empty for a plugin composed in the
    /// caller's context, which has no folder of its own.
    /// </summary>
    public string Fingerprint { get; init; } = "";

    /// <summary>The Dlvx.Sdk version the plugin was compiled against.</summary>
    public Version? SdkVersion { get; }

    /// <summary>The plugin's commands.</summary>
    public IReadOnlyList<CommandDescriptor> Commands { get; }

    /// <summary>The plugin's root service provider (host services plus its own).</summary>
    public IServiceProvider Services { get; }

    internal McMasterLoader? Loader { get; }

    /// <summary>The worker process that runs this plugin's commands, when it is isolated out of process.</summary>
    public IPluginWorker? Worker { get; internal set; }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Worker is not null)
        {
            await Worker.DisposeAsync();
        }

        if (Services is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }

        Loader?.Dispose();
    }
}
