namespace Dlvx.Templates.Tests;

/// <summary>How a finished process went.</summary>
public sealed record ProcessResult(int ExitCode, string Output)
{
    public ProcessResult EnsureSuccess(string what) =>
        ExitCode == 0 ? this : throw new Xunit.Sdk.XunitException($"{what} failed with exit code {ExitCode}:\n{Output}");
}
