using System.Diagnostics;
using System.Text.Json;
using Dlvx.Sdk.Delve;
using Dlvx.Sdk.Testing;
using Xunit.Abstractions;

namespace Dlvx.Plugins.HeapStats.Tests;

/// <summary>heap-stats against the program's own runtime.ReadMemStats: every figure must be equal.</summary>
public sealed class MemStatsAccuracyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Summary_equals_ReadMemStats_right_after_the_program_called_it()
    {
        await using var session = await DelveSession.StartAsync(await GoProgram.BuildAsync(RepoPaths.TestData("heapstats")), stopAt: "main.stop");
        await session.ContinueToAsync("main.stop"); // stop(2): ms was just filled
        await using var runner = CommandRunner.ForPluginFolders(session.Delve, RepoPaths.PluginFolder);

        var watch = Stopwatch.StartNew();
        var result = (await runner.RunAsync("heap-stats")).EnsureSuccess();
        output.WriteLine($"heap-stats took {watch.Elapsed.TotalMilliseconds:0.0} ms\n{result.Text}");

        var expected = await GoMemStats.ReadAsync(session.Delve, "main.ms");
        Assert.True(expected.UInt64("Frees") > 1000 && expected.UInt64("NumGC") >= 2, "the program's mix should make the figures non-trivial");
        MemStatsAssert.Equal(expected, result.Data!.Value);
    }

    [Fact]
    public async Task Summary_at_an_arbitrary_stop_counts_what_the_mcaches_hold_as_ReadMemStats_would()
    {
        await using var session = await DelveSession.StartAsync(await GoProgram.BuildAsync(RepoPaths.TestData("heapstats")), stopAt: "main.stop");
        await using var runner = CommandRunner.ForPluginFolders(session.Delve, RepoPaths.PluginFolder);

        // stop(1): allocations since the last refill sit in the mcaches, not yet in runtime.memstats.
        Assert.True(await PendingTinyAllocsAsync(session.Delve) > 0, "the program should leave uncounted tiny allocations in an mcache");
        var atStop1 = (await runner.RunAsync("heap-stats")).EnsureSuccess().Data!.Value.Clone();

        // The program does nothing between stop(1) and runtime.ReadMemStats (which flushes the mcaches).
        await session.ContinueToAsync("main.stop");
        // Flushing the mcaches (which ReadMemStats does and heap-stats only simulates) moves their spans into
        // mcentral span sets, whose blocks the runtime may have to allocate: memory taken from OtherSys, or a
        // new 256 KiB persistent chunk that raises Sys, and with it NextGC when the memory limit sets the goal
        // (as in this program, GOGC=off). That depends on the span sets' internal state, which heap-stats does
        // not simulate; every allocator counter must still agree exactly. The runtime's background
        // goroutines run while the target goes on to the second stop, and may grow the heap: pages
        // mapped then are idle, so HeapSys and HeapIdle may rise together (by 32 KiB once, in a full
        // matrix run on Go 1.23) while HeapInuse, and every other counter, stays exact.
        var expected = await GoMemStats.ReadAsync(session.Delve, "main.ms");
        MemStatsAssert.Equal(expected, atStop1, "Sys", "GCSys", "OtherSys", "NextGC", "HeapSys", "HeapIdle");
        var grown = expected.UInt64("HeapSys") - atStop1.GetProperty("HeapSys").GetUInt64();
        Assert.Equal(grown, expected.UInt64("HeapIdle") - atStop1.GetProperty("HeapIdle").GetUInt64());
        Assert.True(grown % 8192 == 0 && grown <= 1UL << 20, $"HeapSys grew by {grown} bytes between the stops: whole pages, and little");
    }

    [Fact]
    public async Task Json_has_every_MemStats_field_and_all_size_classes()
    {
        await using var session = await DelveSession.StartAsync(await GoProgram.BuildAsync(RepoPaths.TestData("heapstats")), stopAt: "main.stop");
        await using var runner = CommandRunner.ForPluginFolders(session.Delve, RepoPaths.PluginFolder);

        var result = (await runner.RunAsync("hs --json")).EnsureSuccess();
        using var printed = JsonDocument.Parse(result.Text);
        foreach (var name in MemStatsAssert.Counters.Append("GCCPUFraction").Append("BySize"))
        {
            Assert.True(printed.RootElement.TryGetProperty(name, out _), $"--json lacks {name}");
        }

        var classes = printed.RootElement.GetProperty("BySize").EnumerateArray().ToList();
        // The runtime's own size-class table: in runtime up to Go 1.25, in internal/runtime/gc from 1.26.
        Variable classToSize;
        try
        {
            classToSize = await session.Delve.EvalAsync("runtime.class_to_size", EvalScope.Current, new LoadConfig { MaxArrayValues = 200 });
        }
        catch (SymbolNotFoundException)
        {
            classToSize = await session.Delve.EvalAsync("\"internal/runtime/gc\".SizeClassToSize", EvalScope.Current, new LoadConfig { MaxArrayValues = 200 });
        }

        Assert.Equal(classToSize.Children.Select(c => ulong.Parse(c.Value, System.Globalization.CultureInfo.InvariantCulture)), classes.Select(c => c.GetProperty("Size").GetUInt64()));
    }

    private static async Task<ulong> PendingTinyAllocsAsync(IDelveClient delve)
    {
        var processors = await delve.EvalAsync("len(runtime.allp)", EvalScope.Current, null);
        ulong total = 0;
        for (var i = 0; i < int.Parse(processors.Value, System.Globalization.CultureInfo.InvariantCulture); i++)
        {
            total += ulong.Parse((await delve.EvalAsync($"runtime.allp[{i}].mcache.tinyAllocs", EvalScope.Current, null)).Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        return total;
    }
}
