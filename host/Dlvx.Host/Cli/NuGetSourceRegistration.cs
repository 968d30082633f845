using System.Text.RegularExpressions;

namespace Dlvx.Host.Cli;

/// <summary>
/// Registers a folder feed as a named NuGet source in the user's NuGet settings through the dotnet CLI,
/// idempotently: added when missing, updated (and enabled) when it points elsewhere or is disabled, and
/// left alone when it is already right. Used by <c>dlvx sdk pack</c>.
/// </summary>
internal static partial class NuGetSourceRegistration
{
    /// <summary>Makes source <paramref name="name"/> point at <paramref name="feed"/>.</summary>
    /// <param name="name">The source's name.</param>
    /// <param name="feed">The feed folder (absolute).</param>
    /// <param name="environment">Variables for the dotnet commands (tests give a private <c>DOTNET_CLI_HOME</c>).</param>
    /// <param name="cancellationToken">Stops the dotnet commands.</param>
    /// <returns>What was done ("added", "updated (was ...)", "already registered (...)"), or null and why not.</returns>
    public static async Task<(string? Done, string Problem)> RegisterAsync(string name, string feed, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken)
    {
        var (listed, sources) = await SdkCommand.RunAsync("dotnet", ["nuget", "list", "source"], cancellationToken, environment);
        if (listed != 0)
        {
            return (null, $"dotnet nuget list source failed:\n{sources.TrimEnd()}");
        }

        var existing = RegisteredSource().Matches(sources).FirstOrDefault(m => m.Groups["name"].Value == name);
        string[] arguments;
        string done;
        if (existing is null)
        {
            arguments = ["nuget", "add", "source", feed, "--name", name];
            done = "added";
        }
        else if (existing.Groups["source"].Value.Trim() == feed && existing.Groups["state"].Value == "Enabled")
        {
            return ($"already registered ({feed})", "");
        }
        else
        {
            arguments = ["nuget", "update", "source", name, "--source", feed];
            done = $"updated (was {existing.Groups["source"].Value.Trim()}{(existing.Groups["state"].Value == "Enabled" ? "" : ", disabled")})";
            if (existing.Groups["state"].Value != "Enabled")
            {
                var (enabled, enableLog) = await SdkCommand.RunAsync("dotnet", ["nuget", "enable", "source", name], cancellationToken, environment);
                if (enabled != 0)
                {
                    return (null, $"cannot enable the NuGet source {name}:\n{enableLog.TrimEnd()}");
                }
            }
        }

        var (code, log) = await SdkCommand.RunAsync("dotnet", arguments, cancellationToken, environment);
        return code == 0 ? (done, "") : (null, $"dotnet {string.Join(' ', arguments)} failed:\n{log.TrimEnd()}");
    }

    /// <summary>A source as <c>dotnet nuget list source</c> prints it: "  1.  NAME [Enabled]" then its URL or folder.</summary>
    [GeneratedRegex(@"^\s*\d+\.\s+(?<name>\S+) \[(?<state>Enabled|Disabled)\]\s*\n\s+(?<source>.+)$", RegexOptions.Multiline)]
    private static partial Regex RegisteredSource();
}
