using System.Collections.Concurrent;
using Dlvx.PluginRuntime.Delve;

namespace Dlvx.Sdk.Testing;

/// <summary>Builds Go programs for tests, with optimisations and inlining off so every variable is visible.</summary>
public static class GoProgram
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Builds = new(StringComparer.Ordinal);

    /// <summary>
    /// Builds the Go package in <paramref name="sourceDirectory"/> once per test run and returns the binary's path.
    /// </summary>
    /// <exception cref="InvalidOperationException">go is missing or the build failed; the message holds the compiler output.</exception>
    /// <exception cref="DirectoryNotFoundException"><paramref name="sourceDirectory"/> does not exist.</exception>
    public static Task<string> BuildAsync(string sourceDirectory, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(sourceDirectory);
        return Builds.GetOrAdd(full, dir => new Lazy<Task<string>>(() => CompileAsync(dir, cancellationToken))).Value;
    }

    private static async Task<string> CompileAsync(string directory, CancellationToken cancellationToken)
    {
        var output = Path.Combine(Path.GetTempPath(), "dlvx-test-bin", $"{Path.GetFileName(directory)}-{Environment.ProcessId}-{Math.Abs(directory.GetHashCode(StringComparison.Ordinal))}");
        await GoBuilder.BuildAsync(directory, output, cancellationToken);
        return output;
    }
}
