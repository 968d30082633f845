using System.Text.Json;
using Dlvx.Sdk.Testing;
using Xunit.Abstractions;

namespace Dlvx.Plugins.HeapStats.Tests;

/// <summary>heap-stats snapshot and diff: snapshots kept across invocations, saved and loaded, diffed by growth.</summary>
public sealed class SnapshotTests(ITestOutputHelper output) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("heapstats-").FullName;

    [Fact]
    public async Task Diff_of_a_snapshot_with_now_shows_exactly_the_objects_allocated_in_between()
    {
        await using var session = await DelveSession.StartAsync(await GoProgram.BuildAsync(RepoPaths.TestData("heapstatstypes")), stopAt: "main.stop");
        await using var runner = CommandRunner.ForPluginFolders(session.Delve, RepoPaths.PluginFolder);
        var saved = Path.Combine(folder, "before.json");
        var snapshot = (await runner.RunAsync($"heap-stats snapshot before --save {saved}")).EnsureSuccess();
        Assert.Contains("snapshot before", snapshot.Text, StringComparison.Ordinal);

        // The program adds 500 items of 200 bytes (size class 208) and their 4 KiB slice, nothing else.
        await session.ContinueToAsync("main.stop");
        var diff = (await runner.RunAsync("heap-stats diff")).EnsureSuccess();
        output.WriteLine(snapshot.Text);
        output.WriteLine(diff.Text);
        var data = diff.Data!.Value;
        Assert.Equal("before", data.GetProperty("From").GetString());
        Assert.Equal("now", data.GetProperty("To").GetString());
        var classes = data.GetProperty("SizeClasses").EnumerateArray().ToList();
        var itemClass = classes.Single(c => c.GetProperty("Size").GetUInt32() == 208);
        Assert.Equal(500, itemClass.GetProperty("LiveObjectsChange").GetInt64());
        Assert.Equal(500 * 208, itemClass.GetProperty("LiveBytesChange").GetInt64());
        var growth = classes.Select(c => c.GetProperty("LiveBytesChange").GetInt64()).ToList();
        Assert.Equal(growth.OrderByDescending(g => g), growth);
        var heapObjects = data.GetProperty("Counters").EnumerateArray().Single(c => c.GetProperty("Name").GetString() == "HeapObjects");
        Assert.Equal(501, heapObjects.GetProperty("Change").GetInt64());

        // A second snapshot, then diff by names; the saved file loads back under a new name.
        (await runner.RunAsync("heap-stats snapshot after")).EnsureSuccess();
        var named = (await runner.RunAsync("heap-stats diff before after")).EnsureSuccess();
        Assert.Equal(diff.Data!.Value.GetProperty("SizeClasses").GetRawText(), named.Data!.Value.GetProperty("SizeClasses").GetRawText());
        (await runner.RunAsync($"heap-stats snapshot reloaded --load {saved}")).EnsureSuccess();
        var reloaded = (await runner.RunAsync("heap-stats diff reloaded after")).EnsureSuccess();
        Assert.Equal(named.Data!.Value.GetProperty("Counters").GetRawText(), reloaded.Data!.Value.GetProperty("Counters").GetRawText());

        using var file = JsonDocument.Parse(await File.ReadAllTextAsync(saved));
        Assert.Equal("before", file.RootElement.GetProperty("Name").GetString());
        Assert.True(file.RootElement.GetProperty("Stats").GetProperty("HeapAlloc").GetUInt64() > 0);
    }

    [Fact]
    public async Task Diff_without_snapshots_or_with_an_unknown_name_says_so()
    {
        await using var session = await DelveSession.StartAsync(await GoProgram.BuildAsync(RepoPaths.TestData("heapstatstypes")), stopAt: "main.stop");
        await using var runner = CommandRunner.ForPluginFolders(session.Delve, RepoPaths.PluginFolder);

        var none = await runner.RunAsync("heap-stats diff");
        Assert.False(none.Succeeded);
        Assert.Contains("no snapshots yet", none.Text, StringComparison.Ordinal);

        (await runner.RunAsync("heap-stats snapshot")).EnsureSuccess();
        var unknown = await runner.RunAsync("heap-stats diff nope");
        Assert.False(unknown.Succeeded);
        Assert.Contains("known: s1", unknown.Text, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
