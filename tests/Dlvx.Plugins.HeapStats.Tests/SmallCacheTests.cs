using Dlvx.Sdk.Testing;
using Xunit.Abstractions;

namespace Dlvx.Plugins.HeapStats.Tests;

/// <summary>
/// The walk stays exact when the target's heap does not fit dlvx's memory cache: blocks are dropped
/// and read again, never taken for unreadable. testdata/edgekinds holds about 8 MiB of objects; the
/// cache is cut to 1 MiB (DLVX_MEMORY_CACHE_MB), and the collector's own counts stay the oracle. Runs
/// alone, because the setting is the process's environment.
/// </summary>
[Collection(nameof(SmallCacheTests))]
public sealed class SmallCacheTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_heap_larger_than_the_cache_is_walked_exactly()
    {
        await using var session = await DelveSession.StartAsync(await GoProgram.BuildAsync(RepoPaths.TestData("edgekinds")), stopAt: "main.stop");
        await using var runner = CommandRunner.ForPluginFolders(session.Delve, RepoPaths.PluginFolder);
        Environment.SetEnvironmentVariable("DLVX_MEMORY_CACHE_MB", "1");
        try
        {
            var result = (await runner.RunAsync("heap-stats --by-type -top 5")).EnsureSuccess();
            output.WriteLine(result.Text);
            var data = result.Data!.Value;
            var expected = await GoMemStats.ReadAsync(session.Delve, "main.ms");
            Assert.True(expected.UInt64("HeapAlloc") > 3UL << 20, $"the heap ({expected.UInt64("HeapAlloc")} bytes) must be several times the 1 MiB cache");
            Assert.Equal((long)expected.UInt64("HeapObjects"), data.GetProperty("Objects").GetInt64());
            Assert.Equal((long)expected.UInt64("HeapAlloc"), data.GetProperty("Bytes").GetInt64());
        }
        finally
        {
            Environment.SetEnvironmentVariable("DLVX_MEMORY_CACHE_MB", null);
        }
    }
}
