using System.Text.Json.Nodes;
using Dlvx.Host.Api;
using Dlvx.IntegrationTests.Infrastructure;
using Dlvx.Sdk.Testing;
using Xunit.Abstractions;

namespace Dlvx.IntegrationTests;

/// <summary>
/// <c>dlvx replay TRACE_DIR</c>. rr cannot run on the machines these tests usually run on, so most
/// tests use stand-ins for rr and dlv (see <see cref="StandInTools"/>): each reason rr cannot be used is
/// said in one line before Delve starts; Delve failing after its listening line is explained, not
/// served; and with a working rr, dlvx passes dlv the trace and its flags and plugin commands work on
/// what Delve serves. Where rr does work, a real recording of the demo is replayed.
/// </summary>
public sealed class ReplayTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private readonly List<string> scratch = [];

    [Fact]
    public async Task Without_rr_it_says_so_in_one_line_and_never_starts_Delve()
    {
        using var tools = new StandInTools(withRr: false);
        var result = await ReplayAsync(tools, tools.Trace, []);
        AssertRefused(result, tools, "rr is not installed, and dlv replay replays traces with it: install rr");
    }

    [Fact]
    public async Task A_failing_rr_is_explained_with_rrs_own_reason()
    {
        using var tools = new StandInTools(withRr: true);
        var result = await ReplayAsync(tools, tools.Trace, new() { ["STANDIN_RR_FAILURE"] = "[FATAL ./src/PerfCounters_x86.h:117:compute_cpu_microarch()] Intel CPU type 0xc06f0 unknown" });
        AssertRefused(result, tools, "rr cannot run on this machine: Intel CPU type 0xc06f0 unknown (from rr record /bin/true;");
    }

    [Fact]
    public async Task An_rr_this_Delve_cannot_drive_is_refused_naming_both()
    {
        using var tools = new StandInTools(withRr: true);
        var result = await ReplayAsync(tools, tools.Trace, new() { ["STANDIN_RR_VERSION"] = "5.7.0", ["STANDIN_DLV_VERSION"] = "1.20.2" });
        AssertRefused(result, tools, "Delve 1.20.2 (" + Path.Combine(tools.Folder, "dlv") + ") cannot drive rr 5.7.0: rr 5.7 changed the line");
    }

    [Fact]
    public async Task A_missing_or_false_trace_is_refused()
    {
        using var tools = new StandInTools(withRr: true);
        AssertRefused(await ReplayAsync(tools, Path.Combine(tools.Folder, "no-such-trace"), []), tools, "no such trace directory");
        AssertRefused(await ReplayAsync(tools, tools.Folder, []), tools, "is not an rr trace (it has no 'version' file)");
    }

    [RootFact("unshare", "mount")]
    public async Task Perf_event_paranoid_above_1_is_refused_as_Delve_would()
    {
        using var tools = new StandInTools(withRr: true);
        var result = await ReplayAsync(tools, tools.Trace, [], paranoid: 2);
        AssertRefused(result, tools, "needs /proc/sys/kernel/perf_event_paranoid at 1 or lower, and it is 2");
    }

    [RootFact("unshare", "mount")]
    public async Task Delve_failing_after_its_listening_line_is_explained_and_nothing_is_served()
    {
        using var tools = new StandInTools(withRr: true);
        var result = await ReplayAsync(tools, tools.Trace, new() { ["STANDIN_DLV_FAILURE"] = "could not open debug info: malformed gdb command \"gdb -l 10000\"" }, paranoid: 1);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal($"dlvx replay: Delve could not replay {tools.Trace}: dlv exited before it had a target to serve: could not open debug info: malformed gdb command \"gdb -l 10000\"", Lines(result.StandardError).Last());
        Assert.DoesNotContain("dlvx listening at", result.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(["replay", tools.Trace, "--headless", "--accept-multiclient", "--api-version=2", "--listen=127.0.0.1:0"], File.ReadAllLines(tools.Log));
    }

    [RootFact("unshare", "mount")]
    public async Task The_trace_and_flags_reach_dlv_and_plugin_commands_work_on_what_it_serves()
    {
        using var tools = new StandInTools(withRr: true);
        var binary = await GoProgram.BuildAsync(TestPaths.RuntimeViewsProgram);
        var environment = StandInEnvironment(tools, new() { ["STANDIN_REAL_DLV"] = RealDlv(), ["STANDIN_TARGET"] = binary });
        await using var dlvx = ChildProcess.Start("unshare", [.. ParanoidNamespace(1), TestPaths.Dlvx, "replay", tools.Trace, "--listen", "127.0.0.1:0", "--no-bundled-plugins", "--plugins", TestPaths.HeapStatsPlugin, "--plugins", TestPaths.RuntimeViewsPlugin], environment: environment);
        var address = await dlvx.WaitForDlvxAddressAsync(Patience);
        Assert.Equal(["replay", tools.Trace, "--headless", "--accept-multiclient", "--api-version=2", "--listen=127.0.0.1:0"], File.ReadAllLines(tools.Log));

        using var client = await JsonRpcTestClient.ConnectAsync(address);
        (await client.CallAsync("RPCServer.CreateBreakpoint", new JsonObject { ["Breakpoint"] = new JsonObject { ["functionName"] = "main.stop" } })).Result();
        (await client.CallAsync("RPCServer.Command", new JsonObject { ["name"] = "continue" }, Patience)).Result();
        var heap = (await client.CallAsync(DlvxMethods.Run, new RunRequest("heap-stats", []), Patience)).Result<RunResponse>();
        output.WriteLine(heap.Text);
        Assert.True(heap.Data!.Value.GetProperty("HeapAlloc").GetUInt64() > 0);
        var sched = (await client.CallAsync(DlvxMethods.Run, new RunRequest("sched-stats", []), Patience)).Result<RunResponse>();
        Assert.Equal(3, sched.Data!.Value.GetProperty("GoMaxProcs").GetInt32());
    }

    [RrFact]
    public async Task A_real_recording_of_the_demo_replays_under_dlvx_and_heap_stats_reads_it()
    {
        var binary = await GoProgram.BuildAsync(TestPaths.DemoProgram);
        var traces = Scratch();
        await using (var recording = ChildProcess.Start("rr", ["record", binary], environment: new Dictionary<string, string> { ["_RR_TRACE_DIR"] = traces }))
        {
            Assert.Equal(0, await recording.WaitForExitAsync(Patience));
        }

        var trace = Directory.EnumerateDirectories(traces).Single(d => File.Exists(Path.Combine(d, "version")));
        await using var dlvx = ChildProcess.Start(TestPaths.Dlvx, ["replay", trace, "--listen", "127.0.0.1:0", "--no-bundled-plugins", "--plugins", TestPaths.HeapStatsPlugin]);
        using var client = await JsonRpcTestClient.ConnectAsync(await dlvx.WaitForDlvxAddressAsync(Patience));
        (await client.CallAsync("RPCServer.CreateBreakpoint", new JsonObject { ["Breakpoint"] = new JsonObject { ["functionName"] = "main.checkpoint", ["Cond"] = "round == 3" } })).Result();
        (await client.CallAsync("RPCServer.Command", new JsonObject { ["name"] = "continue" }, Patience)).Result();
        var heap = (await client.CallAsync(DlvxMethods.Run, new RunRequest("heap-stats", []), Patience)).Result<RunResponse>();
        output.WriteLine(heap.Text);
        Assert.True(heap.Data!.Value.GetProperty("HeapObjects").GetUInt64() > 600, "the demo's cache should be in the replayed heap");
    }

    public void Dispose()
    {
        foreach (var folder in scratch)
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void AssertRefused(CliResult result, StandInTools tools, string reason)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        var lines = Lines(result.StandardError);
        Assert.True(lines.Length == 1, $"one line expected:\n{result.StandardError}");
        Assert.StartsWith("dlvx replay: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(reason, lines[0], StringComparison.Ordinal);
        Assert.False(File.Exists(tools.Log), "Delve should not have been started");
        Assert.DoesNotContain("dlvx listening at", result.StandardOutput, StringComparison.Ordinal);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    // dlvx under test sees only the stand-ins on its PATH, and its own home.
    private static Dictionary<string, string> StandInEnvironment(StandInTools tools, Dictionary<string, string> settings)
    {
        var environment = new Dictionary<string, string>(settings) { ["PATH"] = tools.Folder, ["STANDIN_LOG"] = tools.Log, ["DLVX_DLV"] = "" };
        return environment;
    }

    // A private mount namespace in which /proc/sys/kernel/perf_event_paranoid reads as the test wants (the real one is left alone).
    private string[] ParanoidNamespace(int value)
    {
        var setting = Path.Combine(Scratch(), "perf_event_paranoid");
        File.WriteAllText(setting, $"{value}\n");
        // The dlvx under test gets a PATH of stand-ins only: mount is named by its full path.
        return ["--mount", "/bin/sh", "-c", $"'{OnPath("mount")}' --bind \"$0\" /proc/sys/kernel/perf_event_paranoid && exec \"$@\"", setting];
    }

    private async Task<CliResult> ReplayAsync(StandInTools tools, string trace, Dictionary<string, string> settings, int? paranoid = null)
    {
        string[] command = [TestPaths.Dlvx, "replay", trace, "--listen", "127.0.0.1:0", "--no-bundled-plugins"];
        var result = paranoid is { } value
            ? await RunAsync("unshare", [.. ParanoidNamespace(value), .. command], StandInEnvironment(tools, settings))
            : await RunAsync(command[0], command[1..], StandInEnvironment(tools, settings));
        output.WriteLine(result.ToString());
        return result;
    }

    private static async Task<CliResult> RunAsync(string program, string[] arguments, Dictionary<string, string> environment)
    {
        await using var process = ChildProcess.Start(program, arguments, environment: environment);
        var code = await process.WaitForExitAsync(Patience);
        return new CliResult(code, process.StandardOutput, process.StandardError);
    }

    private static string RealDlv() => OnPath("dlv");

    private static string OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Select(f => Path.Combine(f, program)).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"{program} is not on PATH");

    private string Scratch()
    {
        var folder = Directory.CreateTempSubdirectory("dlvx-replay-").FullName;
        scratch.Add(folder);
        return folder;
    }
}
