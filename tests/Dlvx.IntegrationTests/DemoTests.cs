using Dlvx.IntegrationTests.Infrastructure;

namespace Dlvx.IntegrationTests;

/// <summary>
/// <c>dlvx demo</c> tells the truth: a command that fails makes it exit non-zero, naming the command;
/// with the bundled plugins every command works, memory-map and sched-stats among them, and the
/// HTML report of the stop is written where it says.
/// </summary>
public sealed class DemoTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("dlvx-demo-test-").FullName;

    [Fact]
    public async Task TheDemoExitsNonZeroAndNamesTheCommandThatFailed()
    {
        var plugins = string.Join(Path.PathSeparator, TestPaths.TargetInfoPlugin, TestPaths.FailingPlugin);
        var report = Path.Combine(folder, "report.html");
        await using var demo = ChildProcess.Start(TestPaths.Dlvx, ["demo", "--report", report], workingDirectory: TestPaths.RepoRoot, environment: new Dictionary<string, string>
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

        // Only target-info is there to report: the other sections say they are not available, which is no failure.
        Assert.Contains($"report: {report}", demo.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("data-outcome=\"notavailable\"", await File.ReadAllTextAsync(report), StringComparison.Ordinal);
        Assert.DoesNotContain("the report is incomplete", demo.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithTheBundledPluginsEveryCommandWorksAndTheReportIsWritten()
    {
        var report = Path.Combine(folder, "bundled.html");
        await using var demo = ChildProcess.Start(TestPaths.Dlvx, ["demo", "--report", report], workingDirectory: TestPaths.RepoRoot, environment: new Dictionary<string, string>
        {
            ["DLVX_REPO"] = TestPaths.RepoRoot,
            ["DLVX_PLUGINS"] = TestPaths.StagedPlugins,
        });

        var code = await demo.WaitForExitAsync(TimeSpan.FromMinutes(5));

        Assert.True(code == 0, $"exit code {code}\nstdout:\n{demo.StandardOutput}\nstderr:\n{demo.StandardError}");
        Assert.Matches(@"(?m)^===== memory-map  \[[^\]]*\] =====$", demo.StandardOutput);
        Assert.Matches(@"(?m)^\s*heap in arenas .* equal$", demo.StandardOutput);
        Assert.Matches(@"(?m)^===== sched-stats  \[[^\]]*\] =====$", demo.StandardOutput);
        Assert.Contains("SCHED gomaxprocs=", demo.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"dlvx demo: report written: {report}", demo.StandardError, StringComparison.Ordinal);
        Assert.Contains($"report: {report}", demo.StandardOutput, StringComparison.Ordinal);
        var html = await File.ReadAllTextAsync(report);
        foreach (var section in new[] { "target", "heap", "types", "goroutines", "memory", "scheduler", "retainers" })
        {
            Assert.Contains($"data-section=\"{section}\" data-outcome=\"ok\"", html, StringComparison.Ordinal);
        }
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
