using System.ComponentModel;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Dlvx.PluginRuntime.Delve;

/// <summary>A dlv executable: where it was found and which release it is (<c>dlv version</c>).</summary>
/// <param name="Path">The full path, or the name as given when it is not found.</param>
/// <param name="Version">Its release, or null when it cannot be run or says something unexpected.</param>
/// <param name="Problem">Why it could not be run, or null.</param>
internal sealed partial record DelveTool(string Path, Version? Version, string? Problem)
{
    /// <summary>Finds and asks <paramref name="dlv"/> (a path, or a name looked up on PATH).</summary>
    public static async Task<DelveTool> InspectAsync(string dlv, CancellationToken cancellationToken)
    {
        var path = Resolve(dlv);
        if (path is null)
        {
            return new DelveTool(dlv, null, $"'{dlv}' is not on PATH");
        }

        try
        {
            using var process = Process.Start(new ProcessStartInfo(path, "version") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
            var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            var match = VersionPattern().Match(output);
            return match.Success
                ? new DelveTool(path, new Version(int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value), int.Parse(match.Groups[3].Value)), null)
                : new DelveTool(path, null, $"'{path} version' printed no version");
        }
        catch (Win32Exception e)
        {
            return new DelveTool(path, null, $"cannot run '{path}': {e.Message}");
        }
    }

    /// <summary>The full path of an executable given by path or by name on PATH, or null.</summary>
    public static string? Resolve(string name)
    {
        if (name.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(name) ? System.IO.Path.GetFullPath(name) : null;
        }

        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = System.IO.Path.Combine(folder, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    [GeneratedRegex(@"^Version: (\d+)\.(\d+)\.(\d+)", RegexOptions.Multiline)]
    private static partial Regex VersionPattern();
}
