using System.Globalization;
using Dlvx.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Dlvx.IntegrationTests;

/// <summary>
/// Keeps the benchmark runnable: runs its quick mode of the State round-trip scenario (bench/Dlvx.Bench,
/// the same code as <c>./bench/run.sh --quick</c>) and checks that it measured both sides and wrote its
/// row. It asserts no timing: on a busy 2-core machine the proxied median alone went from 1.1 x to 4.4 x
/// Delve's between runs, so a bound here would only flake. The budgets are checked by the benchmark
/// itself (exit code 3 when one is missed) and recorded in bench/results.md.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class LatencyBenchTests(ITestOutputHelper output) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("dlvx-guard-").FullName;

    [Fact]
    [Trait("Category", "Bench")]
    public async Task TheQuickBenchmarkMeasuresTheStateRoundTripThroughDlvxAndDelve()
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
        var cells = row.Split('|');
        // | scenario | budget | Delve median / p99 (n) | dlvx median / p99 (n) | ratio | met | notes |
        Assert.Contains("(n=", cells[3], StringComparison.Ordinal);
        Assert.Contains("(n=", cells[4], StringComparison.Ordinal);
        var ratio = double.Parse(cells[5].Trim(), CultureInfo.InvariantCulture);
        Assert.True(ratio > 0 && double.IsFinite(ratio), $"the ratio is not a measurement: {row}");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
