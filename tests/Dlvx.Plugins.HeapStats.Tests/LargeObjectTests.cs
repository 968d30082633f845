using System.Text.Json;
using Dlvx.Sdk.Testing;
using Xunit.Abstractions;
using static Dlvx.Plugins.HeapStats.Tests.ByTypeData;

namespace Dlvx.Plugins.HeapStats.Tests;

/// <summary>
/// heap-stats --by-type on testdata/largeobjects: references held in containers larger than the
/// walk's 1 MiB scan window (slices of 72- and 24-byte elements, a map's bucket array), so windows
/// cut elements and references in two. The collector's own counts are the oracle, and every object
/// behind such a reference must still be typed by it.
/// </summary>
public sealed class LargeObjectTests(ITestOutputHelper output)
{
    private const int Count = 100_000;

    [Fact]
    public async Task Objects_larger_than_the_scan_window_are_walked_and_typed_exactly()
    {
        await using var session = await DelveSession.StartAsync(await GoProgram.BuildAsync(RepoPaths.TestData("largeobjects")), stopAt: "main.stop");
        await using var runner = CommandRunner.ForPluginFolders(session.Delve, RepoPaths.PluginFolder);

        var result = (await runner.RunAsync("heap-stats --by-type --by-root -top 40")).EnsureSuccess();
        output.WriteLine(result.Text);
        var data = result.Data!.Value;

        // The collector's count, less at most one 16-byte object: on Go 1.23 about one run in five leaves
        // one allocated and unreached, with the windows turned off as well (checked on the same stopped
        // target), so it is not the windowed scan; the program's own objects are counted exactly below.
        var expected = await GoMemStats.ReadAsync(session.Delve, "main.ms");
        Assert.InRange((long)expected.UInt64("HeapObjects") - data.GetProperty("Objects").GetInt64(), 0, 1);
        Assert.InRange((long)expected.UInt64("HeapAlloc") - data.GetProperty("Bytes").GetInt64(), 0, 16);

        // Each type is reached only through one kind of reference inside a windowed container.
        var types = Types(data);
        Assert.Equal(Count, types.GetValueOrDefault("main.viaPointer"));
        Assert.Equal(Count, types.GetValueOrDefault("main.viaInterface"));
        Assert.Equal(Count, types.GetValueOrDefault("main.viaMap"));
        Assert.Equal(Count, types.GetValueOrDefault("main.viaBox"));
        Assert.Equal(Count, types.Where(t => t.Key.EndsWith("main.viaSlice", StringComparison.Ordinal)).Sum(t => t.Value));

        var roots = data.GetProperty("ByRoot").EnumerateArray().ToList();
        Assert.Equal(Count, Via(roots, "main.table", "MapValue"));
        Assert.Equal(Count, Via(roots, "main.records", "Interface"));
        Assert.Equal(Count, Via(roots, "main.boxes", "Interface"));
    }
}
