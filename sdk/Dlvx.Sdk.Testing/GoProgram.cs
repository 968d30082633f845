using System.Collections.Concurrent;
using System.Diagnostics;
using Dlvx.Sdk.Delve;

namespace Dlvx.Sdk.Testing;

/// <summary>Builds Go programs for tests, with optimisations and inlining off so every variable is visible.</summary>
public static class GoProgram
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Builds = new(StringComparer.Ordinal);

    /// <summary>
    /// Builds the Go package in <paramref name="sourceDirectory"/> once per test run and returns the binary's path.
    /// </summary>
    /// <exception cref="InvalidOperationException">go is missing or the build failed; the message holds the compiler output.</exception>
    public static Task<string> BuildAsync(string sourceDirectory, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(sourceDirectory);
        return Builds.GetOrAdd(full, dir => new Lazy<Task<string>>(() => CompileAsync(dir, cancellationToken))).Value;
    }

    private static async Task<string> CompileAsync(string directory, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Go program folder not found: {directory}");
        }

        var output = Path.Combine(Path.GetTempPath(), "dlvx-test-bin", $"{Path.GetFileName(directory)}-{Environment.ProcessId}-{Math.Abs(directory.GetHashCode(StringComparison.Ordinal))}");
        var start = new ProcessStartInfo("go") { WorkingDirectory = directory, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "build", "-gcflags=all=-N -l", "-o", output, "." })
        {
            start.ArgumentList.Add(argument);
        }

        // Tests must not reach the network for modules: programs use the standard library only.
        start.Environment["GOFLAGS"] = "-mod=mod";
        start.Environment["GOPROXY"] = "off";
        start.Environment["GOTOOLCHAIN"] = "local";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start go");
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"go build in {directory} failed:\n{await stderr}");
        }

        return output;
    }
}
