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

    /// <summary>
    /// Builds the Go package in <paramref name="sourceDirectory"/> with variables added to go's
    /// environment (such as <c>GOEXPERIMENT</c> or <c>CGO_ENABLED</c>), once per test run and set of variables.
    /// </summary>
    /// <exception cref="InvalidOperationException">go is missing or the build failed; the message holds the compiler output.</exception>
    /// <exception cref="DirectoryNotFoundException"><paramref name="sourceDirectory"/> does not exist.</exception>
    public static Task<string> BuildWithEnvironmentAsync(string sourceDirectory, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var full = Path.GetFullPath(sourceDirectory);
        var key = full + string.Concat(environment.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"\0{e.Key}={e.Value}"));
        return Builds.GetOrAdd(key, _ => new Lazy<Task<string>>(() => CompileAsync(full, cancellationToken, environment))).Value;
    }

    private static async Task<string> CompileAsync(string directory, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? environment = null)
    {
        var variant = environment is { Count: > 0 } ? "-" + string.Join('-', environment.Values).Replace('/', '_').Replace(' ', '_') : "";
        var output = Path.Combine(Path.GetTempPath(), "dlvx-test-bin", $"{Path.GetFileName(directory)}{variant}-{Environment.ProcessId}-{Math.Abs(directory.GetHashCode(StringComparison.Ordinal))}");
        await GoBuilder.BuildAsync(directory, output, cancellationToken, environment);
        return output;
    }
}
