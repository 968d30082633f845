using Dlvx.IntegrationTests.Infrastructure;

namespace Dlvx.IntegrationTests;

/// <summary><c>dlvx demo</c> tells the truth: a command that fails makes it exit non-zero, naming the command.</summary>
public sealed class DemoTests
{
    [Fact]
    public async Task TheDemoExitsNonZeroAndNamesTheCommandThatFailed()
    {
        var plugins = string.Join(Path.PathSeparator, TestPaths.TargetInfoPlugin, TestPaths.FailingPlugin);
        await using var demo = ChildProcess.Start(TestPaths.Dlvx, ["demo"], workingDirectory: TestPaths.RepoRoot, environment: new Dictionary<string, string>
        {
            ["DLVX_REPO"] = TestPaths.RepoRoot,
            ["DLVX_PLUGINS"] = plugins,
        });

        var code = await demo.WaitForExitAsync(TimeSpan.FromMinutes(3));

        Assert.True(code == 1, $"exit code {code}\nstdout:\n{demo.StandardOutput}\nstderr:\n{demo.StandardError}");
        Assert.Matches(@"dlvx demo: 1 of 2 commands failed: always-fails \(", demo.StandardError);
        Assert.Contains("this command fails on purpose", demo.StandardOutput, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^===== always-fails .* FAILED =====$", demo.StandardOutput);
        Assert.Matches(@"(?m)^===== target-info  \[[^\]]*\] =====$", demo.StandardOutput);
    }
}
