using System.Reflection;
using System.Runtime.Loader;
using Dlvx.Sdk;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Dlvx.TestPlugins.Newtonsoft;

/// <summary>
/// Reports which Newtonsoft.Json this plugin got (assembly and file version, load context) and proves it
/// works by serialising a sample and reading it back.
/// </summary>
[Command(PluginCommand.Name, Summary = "Reports the Newtonsoft.Json this plugin loaded, and serialises with it.", RequiresStoppedTarget = false)]
public sealed class NewtonsoftReportCommand : ICommand
{
    public Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var assembly = typeof(JsonConvert).Assembly;
        var sample = new NewtonsoftSample("dlvx", [1, 2, 3], new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        var json = JsonConvert.SerializeObject(sample);

        // Read back through LINQ to JSON, so both directions of the library run in the plugin.
        var roundTrip = JObject.Parse(json);
        if (roundTrip.Value<string>(nameof(NewtonsoftSample.Name)) != sample.Name)
        {
            throw new CommandException($"Newtonsoft.Json did not round-trip: {json}");
        }

        var report = new NewtonsoftReport(
            assembly.GetName().Version?.ToString() ?? "?",
            assembly.GetCustomAttribute<AssemblyFileVersionAttribute>()?.Version ?? "?",
            AssemblyLoadContext.GetLoadContext(assembly)?.Name ?? "?",
            AssemblyLoadContext.GetLoadContext(typeof(NewtonsoftReportCommand).Assembly) == AssemblyLoadContext.GetLoadContext(assembly),
            json);
        var text = $"Newtonsoft.Json {report.FileVersion} (assembly {report.AssemblyVersion}) in load context {report.LoadContext}: {json}";
        return Task.FromResult(CommandResult.Create(text, report));
    }
}
