using Dlvx.PluginRuntime.Delve;
using Dlvx.PluginRuntime.Plugins;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dlvx.Host.Install;

/// <summary>
/// Loads a plugin folder through the host's own loader, exactly as a session would, to learn its
/// commands and whether it loads at all. Loading reads the assemblies into memory, so the folder can
/// be renamed or deleted afterwards.
/// </summary>
internal static class PluginInspector
{
    public static async Task<PluginInspection> InspectAsync(string folder, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // No Delve is needed to read a plugin's commands; this client is never connected.
        await using var unused = new DelveClient(new DelveEndpoint("127.0.0.1", 1));
        var failures = new List<PluginLoadFailure>();
        var assemblies = PluginDirectory.FindPluginAssemblies(folder, failures);
        if (assemblies.Count != 1)
        {
            return new PluginInspection([], failures.FirstOrDefault()?.Reason ?? "no plugin assembly (NAME.dll with NAME.deps.json) in the package's plugin/ folder");
        }

        try
        {
            await using var plugin = IsolatedPluginLoader.Load(assemblies[0], new PluginHostServices(unused, NullLoggerFactory.Instance));
            return new PluginInspection(plugin.Commands.SelectMany(c => c.Aliases.Prepend(c.Name)).ToList(), null);
        }
        catch (PluginLoadException e)
        {
            return new PluginInspection([], e.Message);
        }
    }
}
