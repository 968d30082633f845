using System.ComponentModel;
using System.Diagnostics;
using Dlvx.Host.Cli;

namespace Dlvx.Host.DapLaunch;

/// <summary>Runs the go command for a <see cref="DebugBuild"/>, with the launch request's environment.</summary>
internal static class DebugBuilder
{
    /// <summary>Builds; a failed build is a result (its messages are for the editor's console), not an exception.</summary>
    /// <exception cref="LaunchRefusedException">The go command cannot be run.</exception>
    public static async Task<DebugBuildResult> BuildAsync(DebugBuild build, IReadOnlyDictionary<string, string?> environment, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(build.Output)!);
        var (code, output) = await RunGoAsync(build.Directory, build.Arguments, environment, cancellationToken);
        return new DebugBuildResult(code == 0, "go " + string.Join(' ', build.Arguments.Select(Quoted)), output.TrimEnd(), $"exit status {code}");
    }

    /// <summary>The folder of the package <paramref name="build"/> names (<c>go list -f {{.Dir}}</c>), or its build folder when go cannot say.</summary>
    public static async Task<string> PackageFolderAsync(DebugBuild build, IReadOnlyDictionary<string, string?> environment, CancellationToken cancellationToken)
    {
        var (code, output) = await RunGoAsync(build.Directory, ["list", "-f", "{{.Dir}}", build.Package], environment, cancellationToken, mergeErrors: false);
        var folder = output.Trim();
        return code == 0 && Directory.Exists(folder) ? folder : build.Directory;
    }

    private static async Task<(int Code, string Output)> RunGoAsync(string folder, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment, CancellationToken cancellationToken, bool mergeErrors = true)
    {
        var start = new ProcessStartInfo(System.Environment.GetEnvironmentVariable("DLVX_GO") is { Length: > 0 } go ? go : "go")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new LaunchRefusedException("cannot start go");
        }
        catch (Win32Exception e)
        {
            throw new LaunchRefusedException($"cannot run '{start.FileName}' to build the program: {e.Message}. Install Go or set DLVX_GO to its path", e);
        }

        using (process)
        {
            // The compiler's messages, in the order it wrote them.
            return await ProcessOutput.CollectAsync(process, mergeErrors, cancellationToken);
        }
    }

    private static string Quoted(string word) => word.Length > 0 && !word.Any(char.IsWhiteSpace) && !word.Contains('\'', StringComparison.Ordinal) ? word : $"'{word.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
