using System.Diagnostics;
using Dlvx.Sdk.Testing;
using Xunit.Abstractions;

namespace Dlvx.Plugins.HeapStats.Tests;

/// <summary>heap-stats --by-type against objects the program keeps reachable in known numbers.</summary>
public sealed class ByTypeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Counts_exactly_the_kept_items_and_byte_slices_and_never_more_than_HeapAlloc()
    {
        await using var session = await DelveSession.StartAsync(await GoProgram.BuildAsync(RepoPaths.TestData("heapstatstypes")), stopAt: "main.stop");
        await using var runner = CommandRunner.ForPluginFolders(session.Delve, RepoPaths.PluginFolder);

        var result = (await runner.RunAsync("heap-stats --by-type -top 15")).EnsureSuccess();
        output.WriteLine(result.Text);
        var types = result.Data!.Value.GetProperty("Types").EnumerateArray().ToDictionary(t => t.GetProperty("Type").GetString()!, t => t.GetProperty("Objects").GetInt64());
        Assert.Equal(1000, types["main.item"]);
        Assert.Equal(300, types["[1000]uint8"]);
        Assert.Equal(1, types["[1000]*main.item"]);

        var heapAlloc = (await runner.RunAsync("heap-stats")).EnsureSuccess().Data!.Value.GetProperty("HeapAlloc").GetInt64();
        Assert.InRange(result.Data!.Value.GetProperty("Bytes").GetInt64(), 1000 * 208 + 300 * 1024, heapAlloc);

        // At the second stop the program has added 500 items behind a second slice.
        await session.ContinueToAsync("main.stop");
        var later = (await runner.RunAsync("heap-stats --by-type -filter item")).EnsureSuccess();
        output.WriteLine(later.Text);
        var items = later.Data!.Value.GetProperty("Types").EnumerateArray().ToDictionary(t => t.GetProperty("Type").GetString()!, t => t.GetProperty("Objects").GetInt64());
        Assert.Equal(1500, items["main.item"]);
        Assert.Equal(1, items["[500]*main.item"]);
        Assert.Equal(1, items["[1000]*main.item"]);
    }

    [Fact]
    public async Task Names_map_internals_filters_and_sorts_by_objects()
    {
        await using var session = await DelveSession.StartAsync(await GoProgram.BuildAsync(RepoPaths.TestData("heapstatstypes")), stopAt: "main.stop", programArguments: ["many"]);
        await using var runner = CommandRunner.ForPluginFolders(session.Delve, RepoPaths.PluginFolder);

        var result = (await runner.RunAsync("heap-stats --by-type -filter main\\.leaf -sort objects -top 50")).EnsureSuccess();
        output.WriteLine(result.Text);
        var rows = result.Data!.Value.GetProperty("Types").EnumerateArray().Select(t => (Type: t.GetProperty("Type").GetString()!, Objects: t.GetProperty("Objects").GetInt64())).ToList();
        Assert.All(rows, r => Assert.Contains("main.leaf", r.Type, StringComparison.Ordinal));
        Assert.Equal(rows.Select(r => r.Objects).OrderByDescending(o => o), rows.Select(r => r.Objects));

        // The 20,000 leaves the map holds and the 30,000 in the slice are all counted, and the map's
        // internals are named after the map's layout: a header and one bucket array (2^12 buckets plus
        // preallocated overflow ones) up to Go 1.23, a header, a directory, tables and their groups with
        // Swiss tables (Go 1.24+). A classic map that is still growing keeps its old bucket array too,
        // until every bucket has been moved; whether the last growth has finished depends on the random
        // hash seed (too many overflow buckets start one), so a second array is live in some runs.
        var types = rows.ToDictionary(r => r.Type, r => r.Objects);
        Assert.Equal(50000, types["main.leaf"]);
        if (types.ContainsKey("hash<int64,*main.leaf>"))
        {
            Assert.Equal(1, types["hash<int64,*main.leaf>"]);
            Assert.InRange(types["bucket<int64,*main.leaf>"], 1, 2);
        }
        else
        {
            Assert.Equal(1, types["map<int64,*main.leaf>"]);
            Assert.Equal(1, types["directory<int64,*main.leaf>"]);
            Assert.InRange(types["table<int64,*main.leaf>"], 1, 20000 / 8);
            Assert.Equal(types["table<int64,*main.leaf>"], types["groups<int64,*main.leaf>"]);
        }
    }

    [Fact]
    [Trait("Category", "Bench")]
    public async Task Walks_a_hundred_thousand_objects_in_time()
    {
        await using var session = await DelveSession.StartAsync(await GoProgram.BuildAsync(RepoPaths.TestData("heapstatstypes")), stopAt: "main.stop", programArguments: ["many"]);
        await using var runner = CommandRunner.ForPluginFolders(session.Delve, RepoPaths.PluginFolder);

        var watch = Stopwatch.StartNew();
        var result = (await runner.RunAsync("heap-stats --by-type -sort objects --by-root -top 8")).EnsureSuccess();
        output.WriteLine($"--by-type took {watch.Elapsed.TotalSeconds:0.00} s\n{result.Text}");
        var types = result.Data!.Value.GetProperty("Types").EnumerateArray().ToDictionary(t => t.GetProperty("Type").GetString()!, t => t.GetProperty("Objects").GetInt64());
        Assert.Equal(50000, types["main.node"]);
        Assert.Equal(50000, types["main.leaf"]);
        Assert.Equal(1000, types["main.item"]);
        var roots = result.Data!.Value.GetProperty("ByRoot").EnumerateArray().ToDictionary(r => r.GetProperty("Root").GetString()!, r => r.GetProperty("Objects").GetInt64());
        Assert.Equal(50000, roots["main.list"]);
        Assert.NotEmpty(runner.ProgressReports);
        var heapAlloc = (await runner.RunAsync("heap-stats")).EnsureSuccess().Data!.Value.GetProperty("HeapAlloc").GetInt64();
        Assert.InRange(result.Data!.Value.GetProperty("Bytes").GetInt64(), 1, heapAlloc);

        // Generous: the walk reads about 3 MiB in bulk (about 1.3 s here); one request per object would take minutes.
        Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Stops_reading_the_target_when_cancelled()
    {
        await using var session = await DelveSession.StartAsync(await GoProgram.BuildAsync(RepoPaths.TestData("heapstatstypes")), stopAt: "main.stop", programArguments: ["many"]);
        await using var runner = CommandRunner.ForPluginFolders(session.Delve, RepoPaths.PluginFolder);
        using var cancellation = new CancellationTokenSource();

        // Cancelled as soon as the walk reports its first step, long before it can finish.
        var run = runner.RunAsync("heap-stats --by-type", cancellation.Token);
        while (runner.ProgressReports.Count == 0 && !run.IsCompleted)
        {
            await Task.Delay(5);
        }

        cancellation.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        // The host stops waiting at once; the walk itself must stop too, not go on reading in the background.
        await Task.Delay(500);
        var requests = session.DelveRequestCount;
        await Task.Delay(1500);
        output.WriteLine($"{requests} requests sent; progress: {string.Join(" | ", runner.ProgressReports.Select(p => p.Message))}");
        Assert.Equal(requests, session.DelveRequestCount);
        Assert.DoesNotContain(runner.ProgressReports, p => p.Message.StartsWith("walked ", StringComparison.Ordinal) && p.Message.Contains(" rounds,", StringComparison.Ordinal));
    }
}
