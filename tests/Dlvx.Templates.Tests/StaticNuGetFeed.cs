using System.Text.Json.Nodes;

namespace Dlvx.Templates.Tests;

/// <summary>
/// A NuGet v3 feed made of static files, as any web server can host one: a service index naming a
/// flat container (<c>PackageBaseAddress/3.0.0</c>), and per package id a version list and the .nupkg
/// files. Served over loopback by <see cref="LoopbackFileServer"/>.
/// </summary>
internal sealed class StaticNuGetFeed : IAsyncDisposable
{
    private readonly LoopbackFileServer server;

    private StaticNuGetFeed(LoopbackFileServer server) => this.server = server;

    /// <summary>The URL a NuGet client is given: the service index.</summary>
    public string ServiceIndex => new Uri(server.BaseAddress, "v3/index.json").ToString();

    /// <summary>The paths clients asked for.</summary>
    public IReadOnlyList<string> Requests => server.Requests;

    /// <summary>Starts serving an empty feed from <paramref name="folder"/>.</summary>
    public static async Task<StaticNuGetFeed> StartAsync(string folder)
    {
        Directory.CreateDirectory(Path.Combine(folder, "v3"));
        var server = new LoopbackFileServer(folder);
        var index = new JsonObject
        {
            ["version"] = "3.0.0",
            ["resources"] = new JsonArray(new JsonObject
            {
                ["@id"] = new Uri(server.BaseAddress, "v3/flatcontainer/").ToString(),
                ["@type"] = "PackageBaseAddress/3.0.0",
            }),
        };
        await File.WriteAllTextAsync(Path.Combine(folder, "v3", "index.json"), index.ToJsonString());
        return new StaticNuGetFeed(server);
    }

    /// <summary>Publishes a package: copies it into the flat container and adds its version to the id's list.</summary>
    public async Task PublishAsync(string package, string id, string version)
    {
        var lowerId = id.ToLowerInvariant();
        var lowerVersion = version.ToLowerInvariant();
        var folder = Path.Combine(server.Root, "v3", "flatcontainer", lowerId);
        Directory.CreateDirectory(Path.Combine(folder, lowerVersion));
        File.Copy(package, Path.Combine(folder, lowerVersion, $"{lowerId}.{lowerVersion}.nupkg"), overwrite: true);

        var list = Path.Combine(folder, "index.json");
        var versions = File.Exists(list) ? JsonNode.Parse(await File.ReadAllTextAsync(list))!["versions"]!.AsArray().Select(v => v!.GetValue<string>()).ToList() : [];
        versions.Add(lowerVersion);
        await File.WriteAllTextAsync(list, new JsonObject { ["versions"] = new JsonArray([.. versions.Distinct().Select(v => JsonValue.Create(v))]) }.ToJsonString());
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
