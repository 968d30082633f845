using System.Diagnostics;
using Dlvx.Sdk.Testing;
using Xunit.Abstractions;

namespace Dlvx.Plugins.HeapStats.Tests;

/// <summary>heap-stats --by-type against objects the program keeps reachable in known numbers.</summary>
public sealed class ByTypeTests(ITestOutputHelper output)
{
    [Fact(Skip = "--by-type is unfinished: the walk loses the Delve connection during an Eval (see the hand-over report)")]
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
    }

    [Fact(Skip = "--by-type is unfinished: the walk loses the Delve connection during an Eval (see the hand-over report)")]
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
        Assert.NotEmpty(runner.ProgressReports);
    }
}
