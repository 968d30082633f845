using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Dlvx.Host.Demo;
using Dlvx.Host.Session;

namespace Dlvx.Host.Cli;

/// <summary>
/// <c>dlvx sdk pack [--output DIR]</c>: everything a plugin author needs from a dlvx checkout, in one
/// folder feed registered as a NuGet source: the SDK, the test kit and what it needs, the templates and
/// the dlvx tool, all with one version no NuGet cache can already hold.
/// </summary>
internal static partial class SdkCommand
{
    /// <summary>The name the feed is registered under in the user's NuGet settings.</summary>
    public const string SourceName = "dlvx-sdk";

    /// <summary>What is packed, as project path (from the checkout's root) and package id.</summary>
    private static readonly (string Project, string PackageId)[] Packages =
    [
        ("sdk/Dlvx.Sdk/Dlvx.Sdk.csproj", "Dlvx.Sdk"),
        ("sdk/Dlvx.Sdk.Testing/Dlvx.Sdk.Testing.csproj", "Dlvx.Sdk.Testing"),
        ("templates/Dlvx.Templates.csproj", "Dlvx.Templates"),
        ("host/Dlvx.Host/Dlvx.Host.csproj", "Dlvx.Host"),
    ];

    public static Command Create()
    {
        var command = new Command("sdk", "The plugin SDK for authors: pack it from this checkout into a NuGet feed");
        var pack = new Command("pack", $"Pack Dlvx.Sdk, Dlvx.Sdk.Testing (which carries the plugin runtime), the templates and the dlvx tool into a folder feed with a fresh version, and register it as the NuGet source '{SourceName}'");
        var output = new Option<string>("--output", "-o") { Description = "The feed folder (default: $DLVX_HOME/sdk-feed, i.e. ~/.dlvx/sdk-feed)" };
        pack.Options.Add(output);
        pack.SetAction((result, cancellationToken) => PackAsync(result.GetValue(output), cancellationToken));
        command.Subcommands.Add(pack);
        return command;
    }

    private static async Task<int> PackAsync(string? output, CancellationToken cancellationToken)
    {
        var root = RepositoryLayout.FindRoot();
        if (root is null || !File.Exists(Path.Combine(root, Packages[0].Project)))
        {
            await Console.Error.WriteLineAsync("dlvx sdk pack: needs a dlvx source checkout (run ./dlvx sdk pack in one, or set DLVX_REPO)");
            return 2;
        }

        var feed = Path.GetFullPath(output ?? Path.Combine(PluginSearchPath.DlvxHome, "sdk-feed"));
        Directory.CreateDirectory(feed);
        var version = await NewVersionAsync(root, cancellationToken);

        // Built in a private artifacts folder, with the new version: the checkout's own bin/ and obj/ (what
        // ./dlvx and test.sh run) are neither rebuilt nor re-restored under the author's feet.
        var work = Directory.CreateTempSubdirectory("dlvx-sdk-pack-").FullName;
        // DlvxStageBundledPlugins=false: the bundled plugins' builds must not copy themselves, with the
        // pack's version, over the checkout's artifacts/plugins (the tool package takes them from their builds).
        string[] buildProperties = [$"-p:Version={version}", "-p:UseArtifactsOutput=true", $"-p:ArtifactsPath={Path.Combine(work, "artifacts")}", "-p:DlvxStageBundledPlugins=false"];
        try
        {
            // One build of everything (one MSBuild, projects in parallel), the bundled plugins the tool
            // package carries included; then each pack only packs.
            var filter = Path.Combine(work, "sdk-pack.slnf");
            await File.WriteAllTextAsync(filter, SolutionFilter(root), cancellationToken);
            await Console.Error.WriteLineAsync($"dlvx sdk pack: building {version} (Release)");
            var (built, buildLog) = await RunAsync("dotnet", ["build", filter, "-c", "Release", "-nologo", .. buildProperties], cancellationToken);
            if (built != 0)
            {
                await Console.Error.WriteLineAsync(buildLog.TrimEnd());
                await Console.Error.WriteLineAsync($"dlvx sdk pack: the build failed (dotnet build exited {built})");
                return 1;
            }

            foreach (var (project, id) in Packages)
            {
                await Console.Error.WriteLineAsync($"dlvx sdk pack: packing {id}");
                var (code, log) = await RunAsync("dotnet", [
                    "pack", Path.Combine(root, project), "-c", "Release", "-o", feed, "-nologo", "--no-build", .. buildProperties,
                ], cancellationToken);
                if (code != 0 || !File.Exists(Path.Combine(feed, $"{id}.{version}.nupkg")))
                {
                    await Console.Error.WriteLineAsync(log.TrimEnd());
                    await Console.Error.WriteLineAsync($"dlvx sdk pack: packing {project} failed (dotnet pack exited {code})");
                    return 1;
                }
            }
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
                // A leftover in the temp folder is harmless.
            }
        }

        var (registered, problem) = await NuGetSourceRegistration.RegisterAsync(SourceName, feed, null, cancellationToken);
        if (registered is null)
        {
            await Console.Error.WriteLineAsync($"dlvx sdk pack: {problem}");
            return 1;
        }

        await Console.Out.WriteLineAsync($"""
            packed {string.Join(", ", Packages.Select(p => p.PackageId))} {version}
            into {feed}
            NuGet source '{SourceName}': {registered}

            Next, in a folder of your own:
              dotnet new install Dlvx.Templates
              dotnet new dlvx-plugin -n Contoso.Leaks
              cd Contoso.Leaks && dotnet test
            and, for a dlvx command on your PATH:
              dotnet tool install --global --prerelease Dlvx.Host
            """);
        return 0;
    }

    /// <summary>A solution filter of what is packed and the bundled plugins (the tool package carries them).</summary>
    private static string SolutionFilter(string root)
    {
        var projects = Packages.Select(p => p.Project)
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "plugins"), "*.csproj", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(root, p).Replace('\\', '/')))
            .Order(StringComparer.Ordinal);
        var filter = new System.Text.Json.Nodes.JsonObject
        {
            ["solution"] = new System.Text.Json.Nodes.JsonObject
            {
                ["path"] = Path.Combine(root, "PluginSdk.sln"),
                ["projects"] = new System.Text.Json.Nodes.JsonArray([.. projects.Select(p => System.Text.Json.Nodes.JsonValue.Create(p))]),
            },
        };
        return filter.ToJsonString();
    }

    /// <summary>
    /// The repository's version with a pre-release suffix from the time and the commit, e.g.
    /// <c>0.1.0-dev.20261130093000.g1a2b3c4</c>: never the same twice, so a restore cannot take a stale
    /// copy from the NuGet cache, and newer packs sort higher.
    /// </summary>
    private static async Task<string> NewVersionAsync(string root, CancellationToken cancellationToken)
    {
        var props = await File.ReadAllTextAsync(Path.Combine(root, "Directory.Build.props"), cancellationToken);
        var baseVersion = VersionProperty().Match(props) is { Success: true } match ? match.Groups["version"].Value : "0.1.0";
        var (code, commit) = await RunAsync("git", ["-C", root, "rev-parse", "--short", "HEAD"], cancellationToken);
        var time = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

        // "g" keeps the commit an alphanumeric identifier: SemVer forbids leading zeros in numeric ones.
        return code == 0 && commit.Trim().Length > 0 ? $"{baseVersion}-dev.{time}.g{commit.Trim()}" : $"{baseVersion}-dev.{time}";
    }

    /// <summary>Runs a program to completion, its stdout and stderr together.</summary>
    /// <param name="program">The program.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="cancellationToken">Kills it (and its children) and stops waiting.</param>
    /// <param name="environment">Variables to set for it, on top of this process's.</param>
    internal static async Task<(int Code, string Output)> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, $"cannot run {program}: {e.Message}");
        }

        return await ProcessOutput.CollectAsync(process, mergeErrors: true, cancellationToken);
    }

    [GeneratedRegex(@"<Version>(?<version>[^<]+)</Version>")]
    private static partial Regex VersionProperty();
}
