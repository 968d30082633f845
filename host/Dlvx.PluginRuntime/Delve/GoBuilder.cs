using System.ComponentModel;
using System.Diagnostics;

namespace Dlvx.PluginRuntime.Delve;

/// <summary>Builds Go programs for debugging: optimisations and inlining off, so every variable is visible.</summary>
internal static class GoBuilder
{
    /// <summary>Runs <c>go build -gcflags=all=-N -l -o OUTPUT .</c> in <paramref name="packageDirectory"/>, with <paramref name="environment"/> added to go's.</summary>
    /// <exception cref="InvalidOperationException">go is missing or the build failed; the message holds the compiler output.</exception>
    public static async Task BuildAsync(string packageDirectory, string output, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? environment = null)
    {
        if (!Directory.Exists(packageDirectory))
        {
            throw new DirectoryNotFoundException($"Go package folder not found: {packageDirectory}");
        }

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DLVX_GO") is { Length: > 0 } go ? go : "go")
        {
            WorkingDirectory = packageDirectory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var argument in new[] { "build", "-gcflags=all=-N -l", "-o", output, "." })
        {
            start.ArgumentList.Add(argument);
        }

        // The programs dlvx builds use the standard library only: never reach for the network.
        start.Environment["GOPROXY"] = "off";
        start.Environment["GOFLAGS"] = "-mod=mod";
        start.Environment["GOTOOLCHAIN"] = "local";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("cannot start go");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"cannot run go: {e.Message}. Install Go (Debian/Ubuntu: apt-get install -y golang-go).", e);
        }

        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"go build in {packageDirectory} failed:\n{await stderr}");
            }
        }
    }
}
