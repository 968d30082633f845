using System.Globalization;
using System.Text.Json.Nodes;
using Dlvx.Host.Api;
using Dlvx.IntegrationTests.Infrastructure;
using Dlvx.Sdk.Testing;
using Xunit.Abstractions;

namespace Dlvx.IntegrationTests.RuntimeViews;

/// <summary>
/// memory-map and sched-stats on a core dump: Delve dumps the stopped target (RPCServer.DumpStart),
/// <c>dlvx core</c> opens it, and memory-map reads the core's program headers. The heap and stack
/// totals must equal the MemStats the program recorded (read back from the core), every readable
/// region of the live map must be in the core's map with the same kind, and sched-stats must say
/// exactly what it said on the live process.
/// </summary>
public sealed class MemoryMapCoreTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private readonly string folder = Directory.CreateTempSubdirectory("dlvx-mm-core-").FullName;

    private static string[] PluginArguments => ["--listen", "127.0.0.1:0", "--no-bundled-plugins", "--plugins", TestPaths.RuntimeViewsPlugin];

    [Fact]
    public async Task A_core_maps_like_the_live_process_and_agrees_with_its_MemStats()
    {
        var binary = await GoProgram.BuildAsync(TestPaths.RuntimeViewsProgram);
        var core = Path.Combine(folder, "runtimeviews.core");
        JsonNode liveMap, liveSched;
        await using (var live = ChildProcess.Start(TestPaths.Dlvx, ["exec", binary, .. PluginArguments]))
        {
            using var client = await JsonRpcTestClient.ConnectAsync(await live.WaitForDlvxAddressAsync(Patience));
            (await client.CallAsync("RPCServer.CreateBreakpoint", new JsonObject { ["Breakpoint"] = new JsonObject { ["functionName"] = "main.stop" } })).Result();
            (await client.CallAsync("RPCServer.Command", new JsonObject { ["name"] = "continue" }, Patience)).Result();
            liveMap = await RunAsync(client, "memory-map");
            liveSched = await RunAsync(client, "sched-stats");

            (await client.CallAsync("RPCServer.DumpStart", new JsonObject { ["Destination"] = core }, Patience)).Result();
            JsonObject state;
            do
            {
                state = (await client.CallAsync("RPCServer.DumpWait", new JsonObject { ["Wait"] = 1000 }, Patience)).Result()["State"]!.AsObject();
            }
            while (state["Dumping"]!.GetValue<bool>());

            Assert.Equal("", state["Err"]?.GetValue<string>() ?? "");
        }

        await using var dlvx = ChildProcess.Start(TestPaths.Dlvx, ["core", binary, core, .. PluginArguments]);
        using var fromCore = await JsonRpcTestClient.ConnectAsync(await dlvx.WaitForDlvxAddressAsync(Patience));
        var text = (await fromCore.CallAsync(DlvxMethods.Run, new RunRequest("memory-map", []), Patience)).Result<RunResponse>().Text;
        output.WriteLine(text);
        var coreMap = await RunAsync(fromCore, "memory-map");
        var coreSched = await RunAsync(fromCore, "sched-stats");

        Assert.Equal($"core file {core}", coreMap["Source"]!.GetValue<string>());
        var heapSys = await EvalAsync(fromCore, "main.ms.HeapSys");
        var stackInuse = await EvalAsync(fromCore, "main.ms.StackInuse");
        Assert.Equal(heapSys, coreMap["Totals"]!["heap"]!.GetValue<ulong>());
        Assert.Equal(stackInuse, coreMap["Totals"]!["stack"]!.GetValue<ulong>());
        Assert.Equal(liveMap["Totals"]!["heap"]!.GetValue<ulong>(), coreMap["Totals"]!["heap"]!.GetValue<ulong>());

        // Delve dumps every readable mapping but the kernel's I/O pages ([vvar]) (and a read-only segment of the
        // executable that it can map back exactly, which memory-map then takes from the executable): the live
        // map's readable Go regions are all there, with the same bounds and kinds.
        var coreRegions = coreMap["Regions"]!.AsArray().Select(Region).ToHashSet();
        foreach (var region in liveMap["Regions"]!.AsArray().Where(r => r!["Perm"]!.GetValue<string>().StartsWith('r') && r["Kind"]!.GetValue<string>() != "other"))
        {
            Assert.Contains(Region(region), coreRegions);
        }

        // The scheduler's state is memory too: the same answer from the dump as from the process.
        Assert.True(JsonNode.DeepEquals(liveSched, coreSched), $"live:\n{liveSched.ToJsonString()}\ncore:\n{coreSched.ToJsonString()}");
        Assert.Equal(await EvalAsync(fromCore, "main.numGoroutine"), coreSched["Goroutines"]!["NumGoroutine"]!.GetValue<ulong>());
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static (string Start, string End, string Kind) Region(JsonNode? region) =>
        (region!["Start"]!.GetValue<string>(), region["End"]!.GetValue<string>(), region["Kind"]!.GetValue<string>());

    private static async Task<JsonNode> RunAsync(JsonRpcTestClient client, string command)
    {
        var response = await client.CallAsync(DlvxMethods.Run, new RunRequest(command, []), Patience);
        return response.Result()["Data"] ?? throw new Xunit.Sdk.XunitException($"{command} returned no data: {response}");
    }

    private static async Task<ulong> EvalAsync(JsonRpcTestClient client, string expression)
    {
        var result = (await client.CallAsync("RPCServer.Eval", new JsonObject { ["Scope"] = new JsonObject { ["GoroutineID"] = -1 }, ["Expr"] = expression }, Patience)).Result();
        return ulong.Parse(result["Variable"]!["value"]!.GetValue<string>(), CultureInfo.InvariantCulture);
    }
}
