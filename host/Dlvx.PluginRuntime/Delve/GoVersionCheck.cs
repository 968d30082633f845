using System.Diagnostics;

namespace Dlvx.PluginRuntime.Delve;

/// <summary>
/// Before Delve starts: which Go built the target (its build information; for <c>attach</c>, the
/// process's executable; for <c>debug</c>, the Go that will build it) and whether the chosen dlv
/// debugs that Go. Delve itself says so only after it has started, in a line that does not say which
/// Delve would do.
/// </summary>
internal static class GoVersionCheck
{
    /// <summary>The Go release the launch's target was or will be built with, or null when it cannot be told.</summary>
    public static async Task<string?> TargetGoVersionAsync(DelveLaunchOptions options, CancellationToken cancellationToken) => options.Mode switch
    {
        DelveLaunchMode.Exec or DelveLaunchMode.Core when options.Targets.Count > 0 => GoBuildInfo.ReadGoVersion(options.Targets[0]),
        DelveLaunchMode.Attach when options.Targets.Count > 0 && OperatingSystem.IsLinux() => GoBuildInfo.ReadGoVersion($"/proc/{options.Targets[0]}/exe"),
        DelveLaunchMode.Debug => await ToolchainVersionAsync(options.WorkingDirectory, cancellationToken),
        _ => null,
    };

    /// <summary>
    /// One line saying why <paramref name="delve"/> cannot debug a target built by <paramref name="goVersion"/>
    /// and which Delve can, or null when it can (or when either version is unknown).
    /// </summary>
    public static string? Problem(DelveTool delve, string? goVersion)
    {
        if (goVersion is null || delve.Version is null || GoBuildInfo.Minor(goVersion) is not { } minor || DelveRelease.Of(delve.Version) is not { } line || line.Debugs(minor))
        {
            return null;
        }

        return $"the target was built by {goVersion}, which Delve {delve.Version} ({delve.Path}) cannot debug: it supports Go 1.{line.MinGo} to 1.{line.MaxGo}. "
            + $"Go 1.{minor} needs {DelveRelease.For(minor)}; pass its path with --dlv PATH or DLVX_DLV (dlvx doctor shows what is found where)";
    }

    // `go env GOVERSION` in the package's folder: what `dlv debug` will build with (GOTOOLCHAIN included).
    private static async Task<string?> ToolchainVersionAsync(string? folder, CancellationToken cancellationToken)
    {
        try
        {
            var go = Environment.GetEnvironmentVariable("DLVX_GO") is { Length: > 0 } custom ? custom : "go";
            using var process = Process.Start(new ProcessStartInfo(go, "env GOVERSION") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = folder ?? Environment.CurrentDirectory })!;
            var output = (await process.StandardOutput.ReadToEndAsync(cancellationToken)).Trim();
            await process.WaitForExitAsync(cancellationToken);
            return process.ExitCode == 0 && output.StartsWith("go", StringComparison.Ordinal) ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
