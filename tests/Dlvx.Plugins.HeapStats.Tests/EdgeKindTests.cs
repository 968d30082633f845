using System.Text.Json;
using Dlvx.Sdk.Delve;
using Dlvx.Sdk.Testing;
using Xunit.Abstractions;
using static Dlvx.Plugins.HeapStats.Tests.ByTypeData;

namespace Dlvx.Plugins.HeapStats.Tests;

/// <summary>
/// heap-stats --by-type on testdata/edgekinds: 1,000 objects of a type of their own behind each kind
/// of reference the garbage collector follows, with the collector's own result as the oracle.
/// </summary>
public sealed class EdgeKindTests(ITestOutputHelper output)
{
    private const int Count = 1000;

    [Fact]
    public async Task Every_kind_of_reference_reaches_exactly_its_objects_and_the_walk_equals_the_collectors_mark()
    {
        await using var session = await DelveSession.StartAsync(await GoProgram.BuildAsync(RepoPaths.TestData("edgekinds")), stopAt: "main.stop");
        await using var runner = CommandRunner.ForPluginFolders(session.Delve, RepoPaths.PluginFolder);

        var result = (await runner.RunAsync("heap-stats --by-type --by-root -top 40")).EnsureSuccess();
        output.WriteLine(result.Text);
        var data = result.Data!.Value;
        var types = Types(data);

        // Typed references give the type on every Go release.
        foreach (var name in new[] { "main.viaChannel", "main.viaMap", "main.viaInterface", "main.viaArray" })
        {
            Assert.Equal(Count, types.GetValueOrDefault(name));
        }

        // Untyped ones (a closure's captures, unsafe.Pointer, a finalizer's closure): the object's
        // malloc header types it from Go 1.22, Delve's closure layout from Go 1.23; before, its size
        // class alone tells it apart, and it is counted all the same.
        var headers = await HasMallocHeadersAsync(session.Delve);
        foreach (var (name, size) in new[] { ("main.viaClosure", 1152), ("main.viaUnsafe", 1280), ("main.viaFinalizer", 1408) })
        {
            var unknown = $"<unknown, size class {size}>";
            if (headers)
            {
                Assert.Equal(Count, types.GetValueOrDefault(name));
            }
            else
            {
                Assert.Equal(Count, types.GetValueOrDefault(name) + types.GetValueOrDefault(unknown));
            }
        }

        // The oracle: right after runtime.GC, with nothing allocated since, every allocated slot was
        // marked, and the runtime's own counters say how many there are.
        var expected = await GoMemStats.ReadAsync(session.Delve, "main.ms");
        Assert.Equal(data.GetProperty("AllocatedObjects").GetInt64(), data.GetProperty("Objects").GetInt64());
        Assert.Equal(data.GetProperty("AllocatedBytes").GetInt64(), data.GetProperty("Bytes").GetInt64());
        Assert.Equal((long)expected.UInt64("HeapObjects"), data.GetProperty("Objects").GetInt64());
        Assert.Equal((long)expected.UInt64("HeapAlloc"), data.GetProperty("Bytes").GetInt64());

        // Each root says how it held what it reached.
        var roots = data.GetProperty("ByRoot").EnumerateArray().ToList();
        Assert.Equal(Count, Via(roots, "main.queue", "ChannelBuffer") - 1); // the buffer itself, then its 1,000 elements
        Assert.Equal(2 * Count, Via(roots, "main.actions", "Closure")); // 1,000 contexts and what they captured
        Assert.Equal(Count, Via(roots, "main.holders", "UnsafePointer"));
        Assert.Equal(Count, Via(roots, "main.table", "MapValue"));
        Assert.Equal(Count, Via(roots, "main.boxes", "Interface"));
        Assert.Equal(Count, Via(roots, "main.entries", "Field"));
        var finalizers = roots.Where(r => r.GetProperty("Kind").GetString() == "Finalizer").ToList();
        Assert.Equal(2 * Count, finalizers.Sum(r => r.GetProperty("Objects").GetInt64())); // each finalizer's closure and the object it captured
    }

    [Fact]
    public async Task Garbage_is_allocated_but_not_reachable()
    {
        await using var session = await DelveSession.StartAsync(await GoProgram.BuildAsync(RepoPaths.TestData("edgekinds")), stopAt: "main.stop");
        await session.ContinueToAsync("main.stop");
        await using var runner = CommandRunner.ForPluginFolders(session.Delve, RepoPaths.PluginFolder);

        // A goroutine built a chain of 500 nodes, dropped it and exited: the nodes are allocated until
        // the next collection, and nothing reaches them.
        var result = (await runner.RunAsync("heap-stats --by-type -top 40")).EnsureSuccess();
        output.WriteLine(result.Text);
        var data = result.Data!.Value;
        Assert.Equal("500", (await session.Delve.EvalAsync("main.garbage")).Value);
        Assert.InRange(data.GetProperty("AllocatedObjects").GetInt64() - data.GetProperty("Objects").GetInt64(), 500, 520);
        Assert.DoesNotContain("main.garbageNode", Types(data).Keys);
    }

    // Allocation headers are a layout fact the target declares, not a Go version.
    private static async Task<bool> HasMallocHeadersAsync(IDelveClient delve)
    {
        try
        {
            return (await delve.EvalAsync("runtime.mallocHeaderSize")).Value != "0";
        }
        catch (SymbolNotFoundException)
        {
            return false;
        }
    }
}
