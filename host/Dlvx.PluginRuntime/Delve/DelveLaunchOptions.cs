namespace Dlvx.PluginRuntime.Delve;

/// <summary>What to start Delve on.</summary>
internal sealed class DelveLaunchOptions
{
    /// <summary>How Delve gets its target.</summary>
    public required DelveLaunchMode Mode { get; init; }

    /// <summary>
    /// Delve's positional arguments: the binary (exec), the package (debug, may be empty),
    /// the pid (attach), the executable and the core file (core), or rr's trace directory (replay).
    /// </summary>
    public IReadOnlyList<string> Targets { get; init; } = [];

    /// <summary>Arguments for the target program (after <c>--</c>).</summary>
    public IReadOnlyList<string> ProgramArguments { get; init; } = [];

    /// <summary>Working directory for Delve and the target.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The dlv executable; default <c>dlv</c> on PATH (or <c>$DLVX_DLV</c>).</summary>
    public string DlvPath { get; init; } = Environment.GetEnvironmentVariable("DLVX_DLV") is { Length: > 0 } dlv ? dlv : "dlv";

    /// <summary>How long to wait for Delve to listen.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Whether Delve should run the target right away instead of stopping at entry.</summary>
    public bool Continue { get; init; }

    /// <summary>
    /// Whether to check, before starting Delve, that it debugs the Go release that built the target
    /// (and refuse with a line naming the Delve that does). On by default.
    /// </summary>
    public bool CheckGoVersion { get; init; } = true;
}
