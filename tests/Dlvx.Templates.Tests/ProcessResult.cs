namespace Dlvx.Templates.Tests;

/// <summary>How a finished process went.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Output">Stdout and stderr, interleaved as they arrived.</param>
public sealed record ProcessResult(int ExitCode, string Output)
{
    /// <summary>Stdout alone, when the process was run by <see cref="ChildProcess.RunAsync"/>.</summary>
    public string StandardOutput { get; init; } = "";

    public ProcessResult EnsureSuccess(string what) =>
        ExitCode == 0 ? this : throw new Xunit.Sdk.XunitException($"{what} failed with exit code {ExitCode}:\n{Output}");
}
