using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dlvx.Host.Install;

/// <summary>
/// <c>dlvx-plugin.json</c> at the root of a DlvxPlugin package, written by the Dlvx.Sdk package's
/// build targets: what the plugin was compiled against, so incompatibility is found before install.
/// </summary>
internal sealed record PluginManifest
{
    /// <summary>The path of the manifest inside the package.</summary>
    public const string PackagePath = "dlvx-plugin.json";

    /// <summary>The folder inside the package that holds the plugin's build output.</summary>
    public const string PluginFolder = "plugin/";

    public int SchemaVersion { get; init; }

    public string Id { get; init; } = "";

    public string Version { get; init; } = "";

    /// <summary>The main assembly's file name, for example <c>Contoso.Leaks.dll</c>.</summary>
    public string Assembly { get; init; } = "";

    public string TargetFramework { get; init; } = "";

    /// <summary>The Dlvx.Sdk package version the plugin was built against.</summary>
    public string SdkVersion { get; init; } = "";

    /// <summary>The Dlvx.Sdk assembly version the plugin references (what the loader compares).</summary>
    public string SdkAssemblyVersion { get; init; } = "";

    /// <summary>Microsoft.Extensions.*.Abstractions assembly names and the assembly versions compiled against.</summary>
    public Dictionary<string, string> Abstractions { get; init; } = new(StringComparer.Ordinal);

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    /// <exception cref="PluginInstallException">The manifest is not valid JSON or lacks the assembly name.</exception>
    public static async Task<PluginManifest> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        PluginManifest? manifest;
        try
        {
            manifest = await JsonSerializer.DeserializeAsync<PluginManifest>(stream, Json, cancellationToken);
        }
        catch (JsonException e)
        {
            throw new PluginInstallException($"{PackagePath} is not valid JSON: {e.Message}", e);
        }

        if (manifest is null || string.IsNullOrWhiteSpace(manifest.Assembly) || !manifest.Assembly.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            || manifest.Assembly.Contains('/', StringComparison.Ordinal) || manifest.Assembly.Contains('\\', StringComparison.Ordinal))
        {
            throw new PluginInstallException($"{PackagePath} does not name the plugin's main assembly (\"assembly\": \"NAME.dll\")");
        }

        return manifest;
    }
}
