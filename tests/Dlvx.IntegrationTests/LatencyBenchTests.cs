using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dlvx.IntegrationTests.Infrastructure;
using Dlvx.Sdk.Testing;
using Xunit.Abstractions;

namespace Dlvx.IntegrationTests;

/// <summary>
/// Same-run latency of a pass-through request: direct to dlv vs through <c>dlvx proxy</c>. Runs alone:
/// measured beside the other test classes, the proxied median grows several-fold from CPU contention.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed partial class LatencyBenchTests(ITestOutputHelper output)
{
    private const int Rounds = 500;
    private const int Warmup = 50;

    [Fact]
    [Trait("Category", "Bench")]
    public async Task StateRoundTripThroughDlvxIsCloseToDirect()
    {
        var binary = await GoProgram.BuildAsync(TestPaths.BasicProgram);
        await using var delve = await DelveServer.StartAsync(binary, apiVersion: 2, acceptMulticlient: true);
        await using var proxy = ChildProcess.Start(TestPaths.Dlvx, ["proxy", "--backend", delve.Address.ToString(), "--listen", "127.0.0.1:0", "--no-bundled-plugins", "--plugins", TestPaths.TargetInfoPlugin]);
        var listening = await proxy.WaitForOutputAsync(ListeningLine(), TimeSpan.FromSeconds(60));
        var front = new Endpoint(listening.Groups["host"].Value, int.Parse(listening.Groups["port"].Value, CultureInfo.InvariantCulture));

        using var direct = await JsonRpcTestClient.ConnectAsync(delve.Address);
        using var proxied = await JsonRpcTestClient.ConnectAsync(front);
        var argument = new JsonObject { ["NonBlocking"] = true };
        for (var i = 0; i < Warmup; i++)
        {
            await TimeAsync(direct, argument);
            await TimeAsync(proxied, argument);
        }

        var directTimes = new List<double>(Rounds);
        var proxiedTimes = new List<double>(Rounds);
        for (var i = 0; i < Rounds; i++)
        {
            directTimes.Add(await TimeAsync(direct, argument));
            proxiedTimes.Add(await TimeAsync(proxied, argument));
        }

        var directMedian = Median(directTimes);
        var proxiedMedian = Median(proxiedTimes);
        var ratio = proxiedMedian / directMedian;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RPCServer.State NonBlocking, {Rounds} alternating round trips each: direct to dlv median {directMedian:0.000} ms (p90 {Percentile(directTimes, 0.9):0.000}), " +
            $"through dlvx median {proxiedMedian:0.000} ms (p90 {Percentile(proxiedTimes, 0.9):0.000}), ratio {ratio:0.00}, added {proxiedMedian - directMedian:0.000} ms"));
        Assert.True(ratio < 3, $"through dlvx {proxiedMedian:0.000} ms vs direct {directMedian:0.000} ms");
    }

    private static async Task<double> TimeAsync(JsonRpcTestClient client, JsonObject argument)
    {
        var watch = Stopwatch.StartNew();
        var response = await client.CallAsync("RPCServer.State", argument.DeepClone());
        var elapsed = watch.Elapsed.TotalMilliseconds;
        Assert.Null(response.Error);
        return elapsed;
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double fraction)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(fraction * sorted.Count))];
    }

    [GeneratedRegex(@"^dlvx listening at: (?<host>[^\s:]+):(?<port>\d+)$")]
    private static partial Regex ListeningLine();
}
