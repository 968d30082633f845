using System.Diagnostics;
using System.Text.Json.Nodes;
using Dlvx.Host.Api;
using Dlvx.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Dlvx.IntegrationTests.Reliability;

/// <summary>Faults no process survives cost only the call when the plugin runs in a worker process.</summary>
public sealed class IsolatedPluginTests(IsolatedFaultySessionFixture session, ITestOutputHelper output) : IClassFixture<IsolatedFaultySessionFixture>
{
    private static RunRequest Run(string command) => new(command);

    [Theory]
    [InlineData("fault-exit", "exit code 3")]
    [InlineData("fault-overflow", "crashed in its worker process")]
    [InlineData("fault-abort", "signal 6")]
    public async Task AWorkerCrashFailsOnlyThatCallAndTheWorkerRestarts(string command, string expected)
    {
        await session.RunToFirstStopAsync();
        using var client = await session.ConnectJsonRpcAsync();
        var crashed = await client.CallAsync(DlvxMethods.Run, Run(command), TimeSpan.FromSeconds(60));
        Assert.Contains(expected, crashed.Error, StringComparison.Ordinal);
        Assert.Contains("Dlvx.TestPlugins.Faulty", crashed.Error, StringComparison.Ordinal);

        // The debug session is untouched and dlvx itself is alive.
        Assert.False(session.DlvxProcess.HasExited);
        var value = await client.CallAsync("RPCServer.Eval", new JsonObject { ["Scope"] = new JsonObject { ["GoroutineID"] = -1 }, ["Expr"] = "main.counter" });
        Assert.Equal("42", value.Result()["Variable"]!["value"]!.GetValue<string>());

        // The next call starts a fresh worker.
        var next = await client.CallAsync(DlvxMethods.Run, Run("slow-count"), TimeSpan.FromSeconds(60));
        Assert.Null(next.Error);
        Assert.Contains("goroutines", next.Result<RunResponse>().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProgressOfAnIsolatedPluginReachesTheClient()
    {
        using var client = await session.ConnectJsonRpcAsync();
        var reply = await client.CallAsync(DlvxMethods.Run, new RunRequest("test-progress", Progress: true), TimeSpan.FromSeconds(60));
        Assert.Equal("3 steps done", reply.Result<RunResponse>().Text);

        // The worker's progress crosses as StreamJsonRpc notifications, which the host may handle just
        // after the worker's answer: it still reaches the client, ahead of the answer to a later request.
        for (var i = 0; i < 100 && client.Notifications.IsEmpty; i++)
        {
            Assert.Null((await client.CallAsync("RPCServer.State", new JsonObject { ["NonBlocking"] = true })).Error);
            await Task.Delay(100);
        }

        Assert.True(client.TryPeekNotification(out var progress), "no progress arrived from the isolated plugin");
        Assert.Equal(DlvxMethods.Progress, progress["method"]?.GetValue<string>());
        Assert.Equal(ProgressRouteTests.FirstStep, progress["params"]![0]!["Message"]!.GetValue<string>());
    }

    [Fact]
    [Trait("Category", "Bench")]
    public async Task OutOfProcessInvocationLatencyIsReported()
    {
        await session.RunToFirstStopAsync();
        using var client = await session.ConnectJsonRpcAsync();
        await client.CallAsync(DlvxMethods.Run, Run("test-noop"), TimeSpan.FromSeconds(60));
        var workers = Workers();
        Assert.Single(workers);
        var samples = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            var watch = Stopwatch.StartNew();
            Assert.Null((await client.CallAsync(DlvxMethods.Run, Run("test-noop"))).Error);
            samples.Add(watch.Elapsed.TotalMilliseconds);
        }

        samples.Sort();
        output.WriteLine($"out-of-process no-op command: median {samples[samples.Count / 2]:0.000} ms, p95 {samples[(int)(samples.Count * 0.95)]:0.000} ms");
        // A call reuses the running worker instead of starting one: the same worker process, by pid,
        // served all 200 (a check that does not depend on how loaded the machine is).
        Assert.Equal(workers, Workers());
    }

    /// <summary>dlvx's child processes other than Delve: its plugin workers.</summary>
    private List<int> Workers() =>
        BackendFaultTests.ChildPids(session.Pid).Where(pid => BackendFaultTests.ProcessName(pid) != "dlv").Order().ToList();
}
