using Dlvx.Sdk.Delve;
using Dlvx.Sdk.Testing;

namespace Dlvx.Plugins.HeapStats.Tests;

/// <summary>heap-stats refuses to guess: a runtime without a field it needs gives a message, not numbers.</summary>
public sealed class MemStatsFailureTests
{
    [Fact]
    public async Task A_runtime_without_a_needed_field_fails_naming_the_field_and_the_Go_version()
    {
        await using var session = await DelveSession.StartAsync(await GoProgram.BuildAsync(RepoPaths.TestData("heapstats")), stopAt: "main.stop");
        var delve = RewritingDelveClient.Create(
            session.Delve,
            (expression, value) =>
            {
                if (expression.StartsWith("runtime.memstats.heapStats", StringComparison.Ordinal))
                {
                    // As if the runtime had renamed the ring of deltas: Delve's own words for a missing field.
                    throw new DelveException("memstats has no member heapStats") { Method = "RPCServer.Eval" };
                }

                return value;
            },
            "go1.99.1");
        await using var runner = CommandRunner.ForPluginFolders(delve, RepoPaths.PluginFolder);

        var result = await runner.RunAsync("heap-stats");

        Assert.False(result.Succeeded);
        Assert.Contains("runtime.memstats.heapStats", result.Text, StringComparison.Ordinal);
        Assert.Contains("go1.99.1", result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Heap ", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_running_target_is_refused_without_blocking()
    {
        await using var session = await DelveSession.StartAsync(await GoProgram.BuildAsync(RepoPaths.TestData("heapstats")), stopAt: "main.stop", programArguments: ["wait"]);
        await using var runner = CommandRunner.ForPluginFolders(session.Delve, RepoPaths.PluginFolder);
        await session.Delve.ClearBreakpointAsync((await session.Delve.ListBreakpointsAsync()).Single(b => b.FunctionName == "main.stop" || b.Id > 0).Id);
        var running = session.Delve.CommandAsync(DebuggerCommands.Continue);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!(await session.Delve.GetStateAsync(cancellationToken: deadline.Token)).Running)
        {
            await Task.Delay(10, deadline.Token);
        }

        var result = await runner.RunAsync("heap-stats");

        Assert.False(result.Succeeded);
        Assert.Contains(TargetRunningException.DefaultMessage, result.Text, StringComparison.Ordinal);
        await session.Delve.CommandAsync(DebuggerCommands.Halt);
        await running;
    }
}
