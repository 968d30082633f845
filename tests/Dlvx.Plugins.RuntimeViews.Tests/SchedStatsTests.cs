using System.Text.Json;
using Dlvx.Sdk.Testing;
using Xunit.Abstractions;

namespace Dlvx.Plugins.RuntimeViews.Tests;

/// <summary>
/// sched-stats against the figures the program recorded from its own runtime right before the stop
/// (GOMAXPROCS, NumGoroutine, the thread count, NumGC), and the run queues against the goroutines'
/// own statuses.
/// </summary>
public sealed class SchedStatsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Figures_equal_what_the_program_recorded_from_its_runtime()
    {
        await using var session = await DelveSession.StartAsync(await GoProgram.BuildAsync(RepoPaths.Program), stopAt: "main.stop");
        await using var runner = CommandRunner.ForPluginFolders(session.Delve, RepoPaths.PluginFolder);

        var result = (await runner.RunAsync("sched-stats")).EnsureSuccess();
        output.WriteLine(result.Text);
        var stats = result.Data!.Value;

        Assert.Equal(3, await ProgramValues.Int64Async(session.Delve, "main.gomaxprocs"));
        Assert.Equal(3, stats.GetProperty("GoMaxProcs").GetInt32());
        Assert.Equal(3, stats.GetProperty("Processors").GetArrayLength());
        Assert.Equal(await ProgramValues.Int64Async(session.Delve, "main.numGoroutine"), stats.GetProperty("Goroutines").GetProperty("NumGoroutine").GetInt32());
        Assert.Equal(await ProgramValues.Int64Async(session.Delve, "main.numGC"), stats.GetProperty("Gc").GetProperty("Cycles").GetInt64());
        Assert.Equal(await ProgramValues.Int64Async(session.Delve, "main.threads"), stats.GetProperty("Threads").GetInt32());
        Assert.Equal(stats.GetProperty("Threads").GetInt32(), stats.GetProperty("Machines").GetArrayLength());
        Assert.Equal("off", stats.GetProperty("Gc").GetProperty("Phase").GetString());
        Assert.True(stats.GetProperty("Gc").GetProperty("Percent").GetInt32() < 0, "the program turned GOGC off");
        Assert.False(stats.GetProperty("World").GetProperty("Stopped").GetBoolean());

        // By status and wait reason, from the goroutines themselves: 25 + 1 parked on a channel, 5 asleep, 3 on the mutex.
        // Every goroutine not dead is either counted by NumGoroutine or one of the runtime's own (sched.ngsys).
        var goroutines = stats.GetProperty("Goroutines");
        Assert.Equal(goroutines.GetProperty("Total").GetInt32(), goroutines.GetProperty("ByStatus").EnumerateObject().Sum(s => s.Value.GetInt32()));
        Assert.Equal(goroutines.GetProperty("NumGoroutine").GetInt32(), goroutines.GetProperty("Total").GetInt32() - goroutines.GetProperty("System").GetInt32());
        var reasons = goroutines.GetProperty("ByWaitReason");
        Assert.Equal(26, reasons.GetProperty("chan receive").GetInt32());
        // The runtime's scavenger parks with the same reason between its runs: the program's 5, and it or not.
        Assert.InRange(reasons.GetProperty("sleep").GetInt32(), 5, 6);
        var mutexWaiters = reasons.EnumerateObject().Where(r => r.Name is "semacquire" or "sync.Mutex.Lock").Sum(r => r.Value.GetInt32());
        Assert.Equal(3, mutexWaiters);
        Assert.StartsWith("SCHED gomaxprocs=3 idleprocs=", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_queues_hold_exactly_the_runnable_goroutines()
    {
        await using var session = await DelveSession.StartAsync(await GoProgram.BuildAsync(RepoPaths.Program), stopAt: "main.stop");
        await session.ContinueToAsync("main.stop"); // stop(2): one P, goroutines created and not yet run
        await using var runner = CommandRunner.ForPluginFolders(session.Delve, RepoPaths.PluginFolder);

        var stats = (await runner.RunAsync("ss --json")).EnsureSuccess().Data!.Value;
        output.WriteLine(stats.ToString());

        Assert.Equal(1, stats.GetProperty("GoMaxProcs").GetInt32());
        Assert.Equal(await ProgramValues.Int64Async(session.Delve, "main.numGoroutine"), stats.GetProperty("Goroutines").GetProperty("NumGoroutine").GetInt32());
        var processors = stats.GetProperty("Processors").EnumerateArray().ToList();
        var queued = stats.GetProperty("GlobalRunQueue").GetInt32() + processors.Sum(p => p.GetProperty("RunQueue").GetInt32()) + processors.Count(p => p.GetProperty("RunNext").GetBoolean());

        // Spawned and not run, whatever ran in between if the main goroutine was preempted.
        var notYetRun = await ProgramValues.Int64Async(session.Delve, "main.spawned") - await ProgramValues.Int64Async(session.Delve, "main.started");
        Assert.True(notYetRun > 0, "some spawned goroutines should still wait to run");
        Assert.Equal(notYetRun, queued);
        Assert.Equal(notYetRun, Runnable(stats));
    }

    [Fact]
    public async Task World_is_stopped_while_the_runtime_restarts_it()
    {
        await using var session = await DelveSession.StartAsync(await GoProgram.BuildAsync(RepoPaths.Program), stopAt: "main.stop");
        // runtime.GOMAXPROCS(1) after stop(1) stops the world; startTheWorldWithSema runs while it is still stopped.
        await session.ContinueToAsync("runtime.startTheWorldWithSema");
        await using var runner = CommandRunner.ForPluginFolders(session.Delve, RepoPaths.PluginFolder);

        var result = (await runner.RunAsync("sched-stats")).EnsureSuccess();
        output.WriteLine(result.Text);
        var world = result.Data!.Value.GetProperty("World");
        Assert.True(world.GetProperty("Stopped").GetBoolean(), world.ToString());
        Assert.Contains("World      stopped", result.Text, StringComparison.Ordinal);
    }

    private static int Runnable(JsonElement stats) =>
        stats.GetProperty("Goroutines").GetProperty("ByStatus").TryGetProperty("runnable", out var count) ? count.GetInt32() : 0;
}
