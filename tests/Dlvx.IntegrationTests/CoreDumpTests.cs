using System.Text.Json.Nodes;
using Dlvx.Host.Api;
using Dlvx.IntegrationTests.Infrastructure;
using Dlvx.Sdk.Testing;
using Xunit.Abstractions;

namespace Dlvx.IntegrationTests;

/// <summary>
/// The flagship commands on a core dump: Delve dumps a stopped target (RPCServer.DumpStart), then
/// <c>dlvx core</c> opens the dump, and heap-stats and goroutine-graph must report exactly what they
/// reported on the live process in the same state.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class CoreDumpTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly string folder = Directory.CreateTempSubdirectory("dlvx-core-").FullName;

    private static string[] PluginArguments =>
    [
        "--no-bundled-plugins",
        "--plugins", TestPaths.HeapStatsPlugin,
        "--plugins", TestPaths.GoroutineGraphPlugin,
    ];

    [Fact]
    public async Task HeapStatsAndGoroutineGraphReadADumpExactlyAsTheLiveProcess()
    {
        var binary = await GoProgram.BuildAsync(TestPaths.GoroutinesProgram);
        var (live, dumped) = await LiveAndDumpedAsync(binary, "goroutines", "heap-stats", "goroutine-graph -format json");
        var (liveStats, liveGraph) = (live[0], live[1]);
        var (dumpedStats, dumpedGraph) = (dumped[0], dumped[1]);

        // Every MemStats counter, and the graph's goroutines, groups, objects and findings.
        Assert.True(JsonNode.DeepEquals(liveStats, dumpedStats), $"live:\n{liveStats.ToJsonString()}\ncore:\n{dumpedStats.ToJsonString()}");
        Assert.Equal(liveGraph["Total"]!.GetValue<int>(), dumpedGraph["Total"]!.GetValue<int>());
        foreach (var part in new[] { "Goroutines", "Groups", "Objects", "Findings" })
        {
            Assert.True(JsonNode.DeepEquals(liveGraph[part], dumpedGraph[part]), $"{part} differ:\nlive: {liveGraph[part]?.ToJsonString()}\ncore: {dumpedGraph[part]?.ToJsonString()}");
        }

        Assert.True(liveStats["HeapAlloc"]!.GetValue<ulong>() > 0);
        Assert.Contains(dumpedGraph["Findings"]!.AsArray(), f => f!["Kind"]!.GetValue<string>().Length > 0);
    }

    [Fact]
    public async Task GoroutineLeaksAndTheHeapWalkReadADumpExactlyAsTheLiveProcess()
    {
        var binary = await GoProgram.BuildAsync(TestPaths.LeaksProgram);
        var (live, dumped) = await LiveAndDumpedAsync(binary, "leaks", "goroutine-leaks", "heap-stats --by-type");

        // The same 10 leaked goroutines, waiting on the same objects, and the same heap by type.
        Assert.Equal(10, dumped[0]["Leaked"]!.AsArray().Count);
        Assert.True(JsonNode.DeepEquals(live[0]["Leaked"], dumped[0]["Leaked"]), $"live:\n{live[0].ToJsonString()}\ncore:\n{dumped[0].ToJsonString()}");
        foreach (var field in new[] { "Objects", "Bytes", "AllocatedObjects", "AllocatedBytes", "Types" })
        {
            Assert.True(JsonNode.DeepEquals(live[1][field], dumped[1][field]), $"{field} differ:\nlive: {live[1][field]?.ToJsonString()}\ncore: {dumped[1][field]?.ToJsonString()}");
        }
    }

    // Runs the commands on the live target stopped at main.stop, has Delve dump it, opens the dump
    // with dlvx core, and runs them again: their data, live and from the core.
    private async Task<(List<JsonNode> Live, List<JsonNode> Dumped)> LiveAndDumpedAsync(string binary, string name, params string[] commands)
    {
        var core = Path.Combine(folder, name + ".core");
        var live = new List<JsonNode>();
        await using (var delve = await DelveServer.StartAsync(binary, apiVersion: 2, acceptMulticlient: true))
        {
            using (var direct = await JsonRpcTestClient.ConnectAsync(delve.Address))
            {
                (await direct.CallAsync("RPCServer.CreateBreakpoint", new JsonObject { ["Breakpoint"] = new JsonObject { ["functionName"] = "main.stop" } })).Result();
                (await direct.CallAsync("RPCServer.Command", new JsonObject { ["name"] = "continue" }, Patience)).Result();
            }

            await using (var proxy = ChildProcess.Start(TestPaths.Dlvx, ["proxy", "--backend", delve.Address.ToString(), "--listen", "127.0.0.1:0", .. PluginArguments]))
            {
                using var client = await ConnectAsync(proxy);
                foreach (var command in commands)
                {
                    live.Add(await RunAsync(client, command));
                }
            }

            using var dumper = await JsonRpcTestClient.ConnectAsync(delve.Address);
            (await dumper.CallAsync("RPCServer.DumpStart", new JsonObject { ["Destination"] = core }, Patience)).Result();
            JsonObject state;
            do
            {
                state = (await dumper.CallAsync("RPCServer.DumpWait", new JsonObject { ["Wait"] = 1000 }, Patience)).Result()["State"]!.AsObject();
            }
            while (state["Dumping"]!.GetValue<bool>());

            Assert.Equal("", state["Err"]?.GetValue<string>() ?? "");
        }

        output.WriteLine($"core dump: {new FileInfo(core).Length / 1e6:0.0} MB");
        await using var dlvx = ChildProcess.Start(TestPaths.Dlvx, ["core", binary, core, "--listen", "127.0.0.1:0", .. PluginArguments]);
        using var fromCore = await ConnectAsync(dlvx);
        var dumped = new List<JsonNode>();
        foreach (var command in commands)
        {
            dumped.Add(await RunAsync(fromCore, command));
        }

        return (live, dumped);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static async Task<JsonRpcTestClient> ConnectAsync(ChildProcess dlvx)
    {
        return await JsonRpcTestClient.ConnectAsync(await dlvx.WaitForDlvxAddressAsync(Patience));
    }

    private static async Task<JsonNode> RunAsync(JsonRpcTestClient client, string commandLine)
    {
        var words = commandLine.Split(' ');
        var response = await client.CallAsync(DlvxMethods.Run, new RunRequest(words[0], words[1..]), Patience);
        return response.Result()["Data"] ?? throw new Xunit.Sdk.XunitException($"{commandLine} returned no data: {response}");
    }
}
