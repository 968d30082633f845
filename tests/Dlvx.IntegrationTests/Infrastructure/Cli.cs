namespace Dlvx.IntegrationTests.Infrastructure;

/// <summary>Runs a program to completion with a timeout; the process is stopped by its pid whatever happens.</summary>
internal static class Cli
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static Task<CliResult> DlvxAsync(params string[] arguments) => RunAsync(TestPaths.Dlvx, arguments, null, DefaultTimeout);

    public static async Task<CliResult> RunAsync(string fileName, IReadOnlyList<string> arguments, string? standardInput, TimeSpan timeout, string? workingDirectory = null)
    {
        await using var process = ChildProcess.Start(fileName, arguments, standardInput, workingDirectory);
        var code = await process.WaitForExitAsync(timeout);
        return new CliResult(code, process.StandardOutput, process.StandardError);
    }
}
