using System.Text.Json;
using Dlvx.Host.Session;

namespace Dlvx.Host.Isolation;

/// <summary>
/// Which plugins run out of process: <c>--isolate NAME</c>, plus <c>$DLVX_HOME/config.json</c>:
/// <code>{ "plugins": { "Contoso.Leaks": { "isolation": "process" } } }</code>
/// </summary>
internal static class IsolationConfig
{
    public static IReadOnlySet<string> ProcessIsolated(IEnumerable<string> fromCommandLine)
    {
        var names = new HashSet<string>(fromCommandLine, StringComparer.OrdinalIgnoreCase);
        var path = Path.Combine(PluginSearchPath.DlvxHome, "config.json");
        if (!File.Exists(path))
        {
            return names;
        }

        try
        {
            using var config = JsonDocument.Parse(File.ReadAllText(path));
            if (config.RootElement.TryGetProperty("plugins", out var plugins) && plugins.ValueKind == JsonValueKind.Object)
            {
                foreach (var plugin in plugins.EnumerateObject())
                {
                    if (plugin.Value.TryGetProperty("isolation", out var isolation) && isolation.GetString() is "process")
                    {
                        names.Add(plugin.Name);
                    }
                }
            }
        }
        catch (JsonException e)
        {
            Console.Error.WriteLine($"dlvx: ignoring {path}: {e.Message}");
        }

        return names;
    }
}
