using System.Diagnostics;
using System.Text.Json;
using Dlvx.Sdk.Testing;
using Xunit.Abstractions;

namespace Dlvx.Plugins.HeapStats.Tests;

/// <summary>heap-path, --dominators and --pprof on testdata/retention, a graph of known shape and sizes.</summary>
public sealed class RetentionTests(ITestOutputHelper output)
{
    // Sizes of testdata/retention's objects: a Node is 64 bytes, a Holder 24, cache's backing array 64.
    private const long NodeBytes = 64;
    private const long HolderBytes = 24;
    private const long CacheArrayBytes = 64;

    [Fact]
    public async Task Heap_path_names_each_step_from_the_root_to_the_object()
    {
        await using var session = await StartAsync();
        await using var runner = CommandRunner.ForPluginFolders(session.Delve, RepoPaths.PluginFolder);

        var result = (await runner.RunAsync("heap-path main.cache[3].child.next.next")).EnsureSuccess();
        output.WriteLine(result.Text);
        var data = result.Data!.Value;
        Assert.Equal("main.Node", data.GetProperty("Target").GetProperty("Type").GetString());
        Assert.Equal(NodeBytes, data.GetProperty("Target").GetProperty("Size").GetInt64());
        var path = data.GetProperty("Paths").EnumerateArray().Single().EnumerateArray().ToList();
        Assert.Equal(
            [("Root", "main.cache", ""), ("Root", "", "[8]*main.Holder"), ("Element", "[3]", "main.Holder"), ("Field", ".child", "main.Node"), ("Field", ".next", "main.Node"), ("Field", ".next", "main.Node")],
            path.Select(s => (s.GetProperty("Kind").GetString(), s.GetProperty("Name").GetString(), s.GetProperty("Type").GetString())).ToList());
        Assert.Equal(data.GetProperty("Target").GetProperty("Addr").GetUInt64(), path[^1].GetProperty("Addr").GetUInt64());

        // Each step's address is the object the step before points to: read it back through Delve.
        var child = await session.Delve.EvalAsync("main.cache[3].child.next");
        Assert.Equal(path[^2].GetProperty("Addr").GetUInt64(), child.Children[0].Addr);
    }

    [Fact]
    public async Task All_lists_one_path_per_root_for_a_shared_object()
    {
        await using var session = await StartAsync();
        await using var runner = CommandRunner.ForPluginFolders(session.Delve, RepoPaths.PluginFolder);

        var paths = (await runner.RunAsync("heap-path --all 5 main.a.child")).EnsureSuccess().Data!.Value.GetProperty("Paths").EnumerateArray().ToList();
        Assert.Equal(["main.a", "main.b"], paths.Select(p => p[0].GetProperty("Name").GetString()).Order().ToList());
        Assert.All(paths, p => Assert.Equal(".child", p.EnumerateArray().Last().GetProperty("Name").GetString()));

        var refused = await runner.RunAsync("heap-path 0x10");
        Assert.False(refused.Succeeded);
        Assert.Contains("no allocated heap object holds 0x10", refused.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dominators_give_exact_retained_sizes_a_chain_retains_its_tail_and_a_shared_child_no_single_parent()
    {
        await using var session = await StartAsync();
        await using var runner = CommandRunner.ForPluginFolders(session.Delve, RepoPaths.PluginFolder);
        var head = await AddressAsync(runner, "main.cache[3].child");
        var holderA = await AddressAsync(runner, "main.a");
        var shared = await AddressAsync(runner, "main.a.child");

        var result = (await runner.RunAsync("heap-stats --dominators -top 1000")).EnsureSuccess();
        var retainers = result.Data!.Value.GetProperty("Retainers").EnumerateArray().ToList();
        JsonElement Object(ulong address) => retainers.Single(r => !r.GetProperty("IsRoot").GetBoolean() && r.GetProperty("Address").GetUInt64() == address);
        JsonElement Root(string name) => retainers.Single(r => r.GetProperty("IsRoot").GetBoolean() && r.GetProperty("Name").GetString() == name);

        // The chain's head retains all ten nodes.
        Assert.Equal(10, Object(head).GetProperty("RetainedObjects").GetInt64());
        Assert.Equal(10 * NodeBytes, Object(head).GetProperty("RetainedBytes").GetInt64());
        Assert.Equal(NodeBytes, Object(head).GetProperty("ShallowBytes").GetInt64());

        // a and b share one node: neither retains it, and the node retains only itself.
        Assert.Equal(1, Object(holderA).GetProperty("RetainedObjects").GetInt64());
        Assert.Equal(HolderBytes, Object(holderA).GetProperty("RetainedBytes").GetInt64());
        Assert.Equal(1, Object(shared).GetProperty("RetainedObjects").GetInt64());

        // The root main.cache retains its array, eight holders and the chain.
        Assert.Equal(1 + 8 + 10, Root("main.cache").GetProperty("RetainedObjects").GetInt64());
        Assert.Equal(CacheArrayBytes + (8 * HolderBytes) + (10 * NodeBytes), Root("main.cache").GetProperty("RetainedBytes").GetInt64());
        Assert.Equal("main.cache", Object(head).GetProperty("Path")[0].GetProperty("Name").GetString());
    }

    [Fact]
    public async Task Pprof_writes_a_profile_go_tool_pprof_reads_with_each_roots_bytes()
    {
        await using var session = await StartAsync();
        await using var runner = CommandRunner.ForPluginFolders(session.Delve, RepoPaths.PluginFolder);
        var folder = Directory.CreateTempSubdirectory("dlvx-pprof-");
        try
        {
            var file = Path.Combine(folder.FullName, "heap.pb.gz");
            var written = (await runner.RunAsync($"heap-stats --pprof {file}")).EnsureSuccess();
            Assert.Contains(file, written.Text, StringComparison.Ordinal);

            var top = await PprofTopAsync(file, "inuse_space");
            output.WriteLine(top);
            Assert.Equal(CacheArrayBytes + (8 * HolderBytes) + (10 * NodeBytes), Cumulative(top, "main.cache", "B"));
            var objects = await PprofTopAsync(file, "inuse_objects");
            Assert.Equal(1 + 8 + 10, Cumulative(objects, "main.cache", ""));

            var refused = await runner.RunAsync($"heap-stats --pprof {Path.Combine(folder.FullName, "no", "such", "folder", "x.pb.gz")}");
            Assert.False(refused.Succeeded);
            Assert.Contains("no folder", refused.Text, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<DelveSession> StartAsync() =>
        await DelveSession.StartAsync(await GoProgram.BuildAsync(RepoPaths.TestData("retention")), stopAt: "main.stop");

    private static async Task<ulong> AddressAsync(CommandRunner runner, string expression) =>
        (await runner.RunAsync($"heap-path {expression}")).EnsureSuccess().Data!.Value.GetProperty("Target").GetProperty("Addr").GetUInt64();

    // The installed Go's own pprof reads the file.
    private static async Task<string> PprofTopAsync(string file, string sampleIndex)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DLVX_GO") is { Length: > 0 } go ? go : "go")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "tool", "pprof", "-top", "-nodefraction=0", "-unit=B", $"-sample_index={sampleIndex}", file })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var text = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(process.ExitCode == 0, $"go tool pprof failed: {errors}");
        return text;
    }

    // `flat flat% sum% cum cum% name`: the cum column of the line naming `function`.
    private static long Cumulative(string top, string function, string unit)
    {
        var line = top.Split('\n').Single(l => l.TrimEnd().EndsWith(" " + function, StringComparison.Ordinal));
        var cum = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3];
        return long.Parse(cum.TrimEnd(unit.Length > 0 ? unit.ToCharArray() : ['B']), System.Globalization.CultureInfo.InvariantCulture);
    }
}
