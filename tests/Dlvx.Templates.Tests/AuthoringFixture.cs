using System.Globalization;

namespace Dlvx.Templates.Tests;

/// <summary>
/// Everything the authoring tests share, made once: the SDK packages and templates packed into a temp
/// feed (with a version unique to this run, so no NuGet cache can serve a stale copy), then the build side
/// of docs/authoring.md run word for word from a temp folder whose nuget.config lists that feed: the
/// templates installed (into a private hive), Contoso.Leaks generated, tested, given a second command and
/// packed.
/// </summary>
public sealed class AuthoringFixture : IAsyncLifetime
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(3);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), $"dlvx-templates-tests-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);

    /// <summary>The package version of this run's SDK packages.</summary>
    public string Version { get; } = $"0.1.0-t{DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}";

    public string Feed => Path.Combine(Root, "feed");

    /// <summary>
    /// DOTNET_CLI_HOME of the guide's reader: a private template hive and NuGet user settings, so nothing is
    /// installed into the real user's dotnet new.
    /// </summary>
    public string CliHome => Path.Combine(Root, "cli-home");

    /// <summary>The generated solution (the guide's <c>dotnet new dlvx-plugin -n Contoso.Leaks</c> in <see cref="Root"/>).</summary>
    public string Generated => Path.Combine(Root, "Contoso.Leaks");

    /// <summary>A folder feed holding the generated plugin's package, a copy of what the guide packed, for tests to install from.</summary>
    public string PluginFeed => Path.Combine(Root, "plugin-feed");

    public string PluginPackage => Path.Combine(PluginFeed, "Contoso.Leaks.1.0.0.nupkg");

    /// <summary>What the guide's <c>dotnet test</c> of the generated solution printed.</summary>
    public string TestOutput { get; private set; } = "";

    /// <summary>The guide's reader: it ran the build side; <see cref="AuthoringGuideTests"/> runs the rest.</summary>
    internal GuideShell Guide { get; private set; } = null!;

    /// <summary>The environment of every dotnet command on generated code: private package and CLI folders.</summary>
    public IReadOnlyDictionary<string, string> DotnetEnvironment => new Dictionary<string, string>
    {
        ["NUGET_PACKAGES"] = Path.Combine(Root, "packages"),
        ["DOTNET_CLI_HOME"] = CliHome,
    };

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        var artifacts = Path.Combine(Root, "artifacts");

        // Built in a private artifacts folder: other builds of the repository are never disturbed.
        foreach (var project in new[] { "sdk/Dlvx.Sdk", "sdk/Dlvx.Sdk.Testing", "templates/Dlvx.Templates.csproj" })
        {
            var arguments = new[]
            {
                "pack", Path.Combine(TestPaths.RepoRoot, project), "-c", "Release", "-o", Feed,
                $"-p:Version={Version}", "-p:UseArtifactsOutput=true", $"-p:ArtifactsPath={artifacts}",
            };
            var pack = await ChildProcess.RunAsync("dotnet", arguments, TestPaths.RepoRoot, StepTimeout, new Dictionary<string, string>
            {
                ["NUGET_PACKAGES"] = Path.Combine(Root, "packages"),
            });
            pack.EnsureSuccess($"dotnet {string.Join(' ', arguments)}");
        }

        // The reader's nuget.config: this run's feed first, nuget.org for the rest.
        await File.WriteAllTextAsync(Path.Combine(Root, "nuget.config"), NuGetConfig());
        Guide = new GuideShell(Root, DotnetEnvironment);
        foreach (var command in AuthoringGuide.BuildSide)
        {
            var result = (await Guide.RunAsync(command, StepTimeout)).EnsureSuccess(command.CommandLine);
            if (command.CommandLine.StartsWith("dotnet test", StringComparison.Ordinal))
            {
                TestOutput = result.Output;
            }
        }

        if (Guide.CurrentFolder != Generated)
        {
            throw new InvalidOperationException($"the build side of {AuthoringGuide.Path} ended in {Guide.CurrentFolder}, not in the generated solution {Generated}");
        }

        var packed = Path.Combine(Generated, "packages", "Contoso.Leaks.1.0.0.nupkg");
        if (!File.Exists(packed))
        {
            throw new InvalidOperationException($"the build side of {AuthoringGuide.Path} did not make {packed}");
        }

        Directory.CreateDirectory(PluginFeed);
        File.Copy(packed, PluginPackage);
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

    /// <summary>Runs dotnet on generated code, in <see cref="DotnetEnvironment"/>; a failure fails the test with the output.</summary>
    public async Task<ProcessResult> DotnetAsync(string workingDirectory, params string[] arguments)
    {
        var result = await ChildProcess.RunAsync("dotnet", arguments, workingDirectory, StepTimeout, DotnetEnvironment);
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
