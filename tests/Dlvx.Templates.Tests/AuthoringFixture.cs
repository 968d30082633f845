namespace Dlvx.Templates.Tests;

/// <summary>
/// Everything the authoring tests share, made once: the build side of docs/authoring.md run word for word
/// by a reader whose dotnet settings, NuGet caches and dlvx home are private temp folders. Its first
/// command, <c>./dlvx sdk pack</c>, packs the SDK, test kit, templates and tool into the reader's
/// <c>$DLVX_HOME/sdk-feed</c> (a version unique to the pack, so no NuGet cache can serve a stale copy) and
/// registers that feed in the reader's NuGet settings; then the templates are installed (into a private
/// hive), Contoso.Leaks generated, tested, given a second command and packed.
/// </summary>
public sealed class AuthoringFixture : IAsyncLifetime
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(3);

    /// <summary>dlvx sdk pack restores and builds five projects and the bundled plugins from nothing.</summary>
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(8);

    private readonly Lazy<Task<(string Feed, string BuildOutput)>> newerPlugin;

    public AuthoringFixture() => newerPlugin = new(PackNewerPluginAsync);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), $"dlvx-templates-tests-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);

    /// <summary>The package version of this run's SDK packages, as <c>dlvx sdk pack</c> chose it.</summary>
    public string Version { get; private set; } = "";

    /// <summary>The guide reader's dlvx home, where <c>dlvx sdk pack</c> puts its feed by default.</summary>
    public string DlvxHome => Path.Combine(Root, "dlvx-home");

    /// <summary>The feed <c>./dlvx sdk pack</c> made: <c>$DLVX_HOME/sdk-feed</c>.</summary>
    public string Feed => Path.Combine(DlvxHome, "sdk-feed");

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
        Directory.CreateDirectory(DlvxHome);

        // No package sources here: the reader's own NuGet settings (nuget.org, and the feed the guide's
        // first command registers) decide, as on any machine.
        await File.WriteAllTextAsync(Path.Combine(Root, "nuget.config"), NuGetConfig());
        Guide = new GuideShell(Root, new Dictionary<string, string>(DotnetEnvironment) { ["DLVX_HOME"] = DlvxHome });
        foreach (var command in AuthoringGuide.BuildSide)
        {
            var result = (await Guide.RunAsync(command, command.Words[0] == "./dlvx" ? PackTimeout : StepTimeout)).EnsureSuccess(command.CommandLine);
            if (command.CommandLine.StartsWith("dotnet test", StringComparison.Ordinal))
            {
                TestOutput = result.Output;
            }

            if (command.CommandLine == "./dlvx sdk pack")
            {
                Version = PackedVersion(result.Output);
            }
        }

        if (Version.Length == 0)
        {
            throw new InvalidOperationException($"{AuthoringGuide.Path} does not start with ./dlvx sdk pack");
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

    /// <summary>
    /// Contoso.Leaks 1.0.1, really rebuilt (not a relabelled 1.0.0 package): a folder feed holding its package,
    /// and the Release build output the pack made. Packed once, from a copy of the generated solution.
    /// </summary>
    public Task<(string Feed, string BuildOutput)> NewerPluginAsync() => newerPlugin.Value;

    private async Task<(string Feed, string BuildOutput)> PackNewerPluginAsync()
    {
        var solution = Path.Combine(Root, "newer");
        FolderCopy.WithoutBuildOutput(Generated, solution);
        var project = Path.Combine(solution, "Contoso.Leaks");
        var feed = Path.Combine(Root, "newer-feed");
        await DotnetAsync(solution, "pack", project, "-c", "Release", "-p:Version=1.0.1", "-o", feed);
        return (feed, Path.Combine(project, "bin", "Release", "net10.0"));
    }

    /// <summary>Runs dotnet on generated code, in <see cref="DotnetEnvironment"/>; a failure fails the test with the output.</summary>
    public async Task<ProcessResult> DotnetAsync(string workingDirectory, params string[] arguments)
    {
        var result = await ChildProcess.RunAsync("dotnet", arguments, workingDirectory, StepTimeout, DotnetEnvironment);
        return result.EnsureSuccess($"dotnet {string.Join(' ', arguments)}");
    }

    /// <summary>The version <c>dlvx sdk pack</c> reports, checked against the packages in the feed.</summary>
    private string PackedVersion(string output)
    {
        var match = System.Text.RegularExpressions.Regex.Match(output, @"^packed Dlvx\.Sdk, .* (?<version>\S+)$", System.Text.RegularExpressions.RegexOptions.Multiline);
        if (!match.Success)
        {
            throw new InvalidOperationException($"dlvx sdk pack did not say what it packed:\n{output}");
        }

        var version = match.Groups["version"].Value;
        foreach (var id in new[] { "Dlvx.Sdk", "Dlvx.Sdk.Testing", "Dlvx.Templates", "Dlvx.Host" })
        {
            if (!File.Exists(Path.Combine(Feed, $"{id}.{version}.nupkg")))
            {
                throw new InvalidOperationException($"dlvx sdk pack reported {version}, but {Feed} has no {id}.{version}.nupkg");
            }
        }

        return version;
    }

    private string NuGetConfig()
    {
        // Packages already in the user's cache are read from it (fallback folder), never written there.
        var userPackages = GuideShell.UserPackagesFolder;
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <fallbackPackageFolders>
                <add key="user" value="{userPackages}" />
              </fallbackPackageFolders>
            </configuration>
            """;
    }
}
