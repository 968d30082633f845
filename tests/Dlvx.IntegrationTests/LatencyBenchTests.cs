using System.Globalization;
using Dlvx.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Dlvx.IntegrationTests;

/// <summary>
/// The guard on proxy overhead: runs the benchmark's quick mode of the State round-trip scenario
/// (bench/Dlvx.Bench, the same code as <c>./bench/run.sh --quick</c>) and asserts only a generous
/// bound. The real budgets live in bench/results.md, not in timed tests. Runs alone: measured beside
/// the other test classes, the proxied median grows from CPU contention.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class LatencyBenchTests(ITestOutputHelper output) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("dlvx-guard-").FullName;

    [Fact]
    [Trait("Category", "Bench")]
    public async Task QuickStateRoundTripThroughDlvxIsAtMostTwiceDirect()
    {
        var report = Path.Combine(folder, "results.md");
        var bench = Path.Combine(TestPaths.RepoRoot, "bench", "Dlvx.Bench", "bin", TestPaths.Configuration, "net10.0", "Dlvx.Bench.dll");
        await using var run = ChildProcess.Start("dotnet", [bench, "--quick", "--only", "state", "--out", report]);

        // Exit code 3 means some budget was missed; the guard's own bound is checked below.
        var exitCode = await run.WaitForExitAsync(TimeSpan.FromMinutes(5));
        output.WriteLine(run.StandardError);
        Assert.True(exitCode is 0 or 3, $"the benchmark failed (exit code {exitCode}):\n{run.StandardError}");

        var row = File.ReadLines(report).Single(line => line.StartsWith("| RPCServer.State round trip", StringComparison.Ordinal));
        output.WriteLine(row);
        var ratio = double.Parse(row.Split('|')[5].Trim(), CultureInfo.InvariantCulture);
        Assert.InRange(ratio, 0.5, 2.0);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
