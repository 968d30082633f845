using System.Globalization;
using System.Text.Json;
using Dlvx.Sdk.Delve;
using Dlvx.Sdk.Testing;
using Xunit.Abstractions;

namespace Dlvx.Plugins.RuntimeViews.Tests;

/// <summary>
/// memory-map on a live process: the regions tile /proc/PID/maps exactly, addresses the program
/// knows land in the right kind, and the heap and stack totals equal the figures the program's own
/// runtime.ReadMemStats returned just before the stop.
/// </summary>
public sealed class MemoryMapTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Heap_and_stack_totals_equal_the_programs_own_ReadMemStats()
    {
        await using var session = await DelveSession.StartAsync(await GoProgram.BuildAsync(RepoPaths.Program), stopAt: "main.stop");
        await using var runner = CommandRunner.ForPluginFolders(session.Delve, RepoPaths.PluginFolder);

        var result = (await runner.RunAsync("memory-map")).EnsureSuccess();
        output.WriteLine(result.Text);
        var data = result.Data!.Value;
        var totals = data.GetProperty("Totals");
        var check = data.GetProperty("CrossCheck");

        var heapSys = await ProgramValues.UInt64Async(session.Delve, "main.ms.HeapSys");
        var stackInuse = await ProgramValues.UInt64Async(session.Delve, "main.ms.StackInuse");
        var stackSys = await ProgramValues.UInt64Async(session.Delve, "main.ms.StackSys");
        Assert.True(heapSys > 0 && stackInuse > 0, "the program should have recorded its MemStats");
        Assert.Equal(heapSys, totals.GetProperty("heap").GetUInt64());
        Assert.Equal(stackInuse, totals.GetProperty("stack").GetUInt64());
        Assert.Equal(heapSys, check.GetProperty("HeapSys").GetUInt64());
        Assert.Equal(stackSys, check.GetProperty("StackSys").GetUInt64());
        Assert.True(check.GetProperty("HeapMatches").GetBoolean() && check.GetProperty("StacksMatch").GetBoolean(), check.ToString());
        Assert.Matches(@"heap in arenas +\S+ \S+ +HeapSys \S+ \S+ +equal", result.Text);
        Assert.Matches(@"goroutine stacks +\S+ \S+ +StackInuse .* +equal", result.Text);
    }

    [Fact]
    public async Task Regions_tile_proc_maps_and_known_addresses_have_the_right_kind()
    {
        await using var session = await DelveSession.StartAsync(await GoProgram.BuildAsync(RepoPaths.Program), stopAt: "main.stop");
        await using var runner = CommandRunner.ForPluginFolders(session.Delve, RepoPaths.PluginFolder);
        var pid = await DelveProcess.PidAsync(session.Delve);
        var maps = await File.ReadAllLinesAsync($"/proc/{pid}/maps");

        var result = (await runner.RunAsync("memory-map --json")).EnsureSuccess();
        var data = result.Data!.Value;
        Assert.Equal($"/proc/{pid}/maps", data.GetProperty("Source").GetString());
        var regions = data.GetProperty("Regions").EnumerateArray().Select(Region.From).ToList();

        // Every line of /proc/PID/maps is covered by consecutive regions with its permissions, nothing more.
        var covered = 0;
        foreach (var line in maps.Where(l => l.Length > 0))
        {
            var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            var bounds = fields[0].Split('-');
            var start = ulong.Parse(bounds[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var end = ulong.Parse(bounds[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var at = start;
            foreach (var region in regions.Where(r => r.Start >= start && r.End <= end).OrderBy(r => r.Start))
            {
                Assert.Equal(at, region.Start);
                Assert.Equal(fields[1], region.Perm);
                Assert.Equal(region.End - region.Start, region.Size);
                at = region.End;
                covered++;
            }

            Assert.True(at == end, $"the regions do not cover {line}");
        }

        Assert.Equal(regions.Count, covered);

        // Addresses whose use the program (and the Go spec) fixes.
        var mainPc = (await session.Delve.FindLocationAsync("main.main"))[0].Pc;
        Assert.Equal("text", KindAt(regions, mainPc));
        Assert.Equal("data", KindAt(regions, await ProgramValues.AddressAsync(session.Delve, "&main.initialised")));
        Assert.Equal("bss", KindAt(regions, await ProgramValues.AddressAsync(session.Delve, "&main.zeroed")));
        Assert.Equal("bss", KindAt(regions, await ProgramValues.AddressAsync(session.Delve, "&runtime.mheap_")));
        Assert.Equal("heap", KindAt(regions, await ProgramValues.AddressAsync(session.Delve, "main.heapObject")));
        Assert.Equal("stack", KindAt(regions, await ProgramValues.UInt64Async(session.Delve, "main.stackAddress")));
        Assert.Equal("rodata", KindAt(regions, await ProgramValues.UInt64Async(session.Delve, "runtime.firstmoduledata.types")));
        Assert.Equal("runtime", KindAt(regions, await ProgramValues.UInt64Async(session.Delve, "uintptr(runtime.mheap_.arenas[0])")));
        Assert.Contains(regions, r => r.Kind == "heap" && r.Perm == "---p");
    }

    [Fact]
    public async Task Kind_option_keeps_totals_and_lists_only_that_kind()
    {
        await using var session = await DelveSession.StartAsync(await GoProgram.BuildAsync(RepoPaths.Program), stopAt: "main.stop");
        await using var runner = CommandRunner.ForPluginFolders(session.Delve, RepoPaths.PluginFolder);

        var stacks = (await runner.RunAsync("mm -kind stack --json")).EnsureSuccess().Data!.Value;
        Assert.All(stacks.GetProperty("Regions").EnumerateArray(), r => Assert.Equal("stack", r.GetProperty("Kind").GetString()));
        Assert.True(stacks.GetProperty("Totals").GetProperty("heap").GetUInt64() > 0);

        var refused = await runner.RunAsync("memory-map -kind heaps");
        Assert.False(refused.Succeeded);
        Assert.Contains("-kind must be one of heap, stack", refused.Text, StringComparison.Ordinal);
    }

    private static string KindAt(IEnumerable<Region> regions, ulong address) =>
        regions.SingleOrDefault(r => r.Start <= address && address < r.End)?.Kind ?? $"nothing at 0x{address:x}";

    private sealed record Region(ulong Start, ulong End, ulong Size, string Perm, string Kind)
    {
        public static Region From(JsonElement json) => new(
            Hex(json.GetProperty("Start").GetString()!),
            Hex(json.GetProperty("End").GetString()!),
            json.GetProperty("Size").GetUInt64(),
            json.GetProperty("Perm").GetString()!,
            json.GetProperty("Kind").GetString()!);

        private static ulong Hex(string text) => ulong.Parse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }
}
