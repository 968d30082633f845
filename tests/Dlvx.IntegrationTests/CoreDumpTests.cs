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
        var core = Path.Combine(folder, "goroutines.core");
        JsonNode live;
        JsonNode liveGraph;
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
                live = await RunAsync(client, "heap-stats");
                liveGraph = await RunAsync(client, "goroutine-graph -format json");
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

        var dumped = await RunAsync(fromCore, "heap-stats");
        var dumpedGraph = await RunAsync(fromCore, "goroutine-graph -format json");

        // Every MemStats counter, and the graph's goroutines, groups, objects and findings.
        Assert.True(JsonNode.DeepEquals(live, dumped), $"live:\n{live.ToJsonString()}\ncore:\n{dumped.ToJsonString()}");
        Assert.Equal(liveGraph["Total"]!.GetValue<int>(), dumpedGraph["Total"]!.GetValue<int>());
        foreach (var part in new[] { "Goroutines", "Groups", "Objects", "Findings" })
        {
            Assert.True(JsonNode.DeepEquals(liveGraph[part], dumpedGraph[part]), $"{part} differ:\nlive: {liveGraph[part]?.ToJsonString()}\ncore: {dumpedGraph[part]?.ToJsonString()}");
        }

        Assert.True(live["HeapAlloc"]!.GetValue<ulong>() > 0);
        Assert.Contains(dumpedGraph["Findings"]!.AsArray(), f => f!["Kind"]!.GetValue<string>().Length > 0);
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
