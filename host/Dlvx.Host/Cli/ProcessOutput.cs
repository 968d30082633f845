using System.Diagnostics;
using System.Text;

namespace Dlvx.Host.Cli;

/// <summary>The output of a tool dlvx runs to its end (dotnet, git, go), as one text for a log or a console.</summary>
internal static class ProcessOutput
{
    /// <summary>
    /// Reads a started process's stdout (and its stderr too when <paramref name="mergeErrors"/>) line by
    /// line, in the order the lines arrive, until it exits.
    /// </summary>
    /// <param name="process">A process started with both streams redirected.</param>
    /// <param name="mergeErrors">Whether stderr's lines belong in the text; when not, stderr is still read so the process never blocks on it.</param>
    /// <param name="cancellationToken">Kills the process and its children, and stops waiting.</param>
    public static async Task<(int Code, string Output)> CollectAsync(Process process, bool mergeErrors, CancellationToken cancellationToken)
    {
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        if (mergeErrors)
        {
            process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        // WaitForExit without a timeout also waits for the redirected streams to reach their end.
        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Append(line).Append('\n');
        }
    }
}
