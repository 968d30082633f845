using System.Globalization;

namespace Dlvx.Templates.Tests;

/// <summary>
/// Everything the authoring tests share, made once: the SDK packages and templates packed into a temp
/// feed (with a version unique to this run, so no NuGet cache can serve a stale copy), the templates
/// installed into a private hive, and Contoso.Leaks generated, tested and packed from them.
/// </summary>
public sealed class AuthoringFixture : IAsyncLifetime
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(3);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), $"dlvx-templates-tests-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);

    /// <summary>The package version of this run's SDK packages.</summary>
    public string Version { get; } = $"0.1.0-t{DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}";

    public string Feed => Path.Combine(Root, "feed");

    public string Hive => Path.Combine(Root, "hive");

    /// <summary>The generated solution.</summary>
    public string Generated => Path.Combine(Root, "out");

    /// <summary>The folder feed holding the generated plugin's package.</summary>
    public string PluginFeed => Path.Combine(Root, "plugin-feed");

    public string PluginPackage => Path.Combine(PluginFeed, "Contoso.Leaks.1.0.0.nupkg");

    public string TestOutput { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        var artifacts = Path.Combine(Root, "artifacts");

        // Built in a private artifacts folder: other builds of the repository are never disturbed.
        foreach (var project in new[] { "sdk/Dlvx.Sdk", "host/Dlvx.Hosting", "sdk/Dlvx.Sdk.Testing", "templates/Dlvx.Templates.csproj" })
        {
            await DotnetAsync(TestPaths.RepoRoot, "pack", Path.Combine(TestPaths.RepoRoot, project), "-c", "Release", "-o", Feed,
                $"-p:Version={Version}", "-p:UseArtifactsOutput=true", $"-p:ArtifactsPath={artifacts}");
        }

        await File.WriteAllTextAsync(Path.Combine(Root, "nuget.config"), NuGetConfig());
        await DotnetAsync(Root, "new", "install", Path.Combine(Feed, $"Dlvx.Templates.{Version}.nupkg"), "--debug:custom-hive", Hive);
        await DotnetAsync(Root, "new", "dlvx-plugin", "-n", "Contoso.Leaks", "-o", Generated, "--SdkVersion", Version, "--debug:custom-hive", Hive);

        // The generated project's own nuget.config: this run's feed first, nuget.org for the rest.
        File.Copy(Path.Combine(Root, "nuget.config"), Path.Combine(Generated, "nuget.config"));
        TestOutput = (await DotnetAsync(Generated, "test", "-c", "Release")).Output;
        await DotnetAsync(Generated, "pack", Path.Combine(Generated, "Contoso.Leaks"), "-c", "Release", "-o", PluginFeed);
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; a failing dispose would hide the test result.
        }

        return Task.CompletedTask;
    }

    public Task<ProcessResult> DotnetAsync(string workingDirectory, params string[] arguments) =>
        DotnetAsync(workingDirectory, StepTimeout, arguments);

    public async Task<ProcessResult> DotnetAsync(string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        var result = await ChildProcess.RunAsync("dotnet", arguments, workingDirectory, timeout, new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = Path.Combine(Root, "packages"),
        });
        return result.EnsureSuccess($"dotnet {string.Join(' ', arguments)}");
    }

    private string NuGetConfig()
    {
        // Packages already in the user's cache are read from it (fallback folder), never written there.
        var userPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } packages
            ? packages
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="dlvx-test-feed" value="{Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="user" value="{userPackages}" />
              </fallbackPackageFolders>
            </configuration>
            """;
    }
}
