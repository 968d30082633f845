using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dlvx.Host.Api;

namespace Dlvx.Bench;

/// <summary>bench/heap-target under dlvx exec with one row's Delve, stopped at main.ready.</summary>
internal sealed partial class HeapSession : IAsyncDisposable
{
    private readonly ServerProcess dlvx;
    private readonly RawJsonRpcClient client;
    private readonly RawJsonRpcClient delve;
    private readonly int delvePid;

    private HeapSession(ServerProcess dlvx, RawJsonRpcClient client, RawJsonRpcClient delve, int delvePid)
    {
        this.dlvx = dlvx;
        this.client = client;
        this.delve = delve;
        this.delvePid = delvePid;
    }

    /// <summary>Heap objects the target counted after its runtime.GC (runtime.MemStats.HeapObjects).</summary>
    public long HeapObjects { get; private set; }

    public static async Task<HeapSession> StartAsync(string dlvxPath, string pluginFolders, ToolchainRow row, string binary, int[] arguments, CancellationToken cancellationToken)
    {
        var dlvx = await ServerProcess.StartAsync(
            "dotnet",
            [dlvxPath, "exec", binary, "--listen", "127.0.0.1:0", "--dlv", row.Dlv, "--command-timeout", "900", "--", .. arguments.Select(a => a.ToString(CultureInfo.InvariantCulture))],
            DlvxListening(),
            new Dictionary<string, string> { ["DLVX_PLUGINS"] = pluginFolders, ["PATH"] = row.SearchPath },
            graceful: true,
            cancellationToken);
        try
        {
            var delveAddress = dlvx.StandardError.Select(line => DelveAddressLine().Match(line)).First(m => m.Success).Groups["addr"].Value;
            var client = Connect(dlvx.Address);
            var delve = Connect(delveAddress);
            var session = new HeapSession(dlvx, client, delve, FindChild(dlvx.Pid, "dlv"));
            HeapBenchmark.Log($"{row.Name}: heap-target {string.Join(' ', arguments)} under dlvx {dlvx.Address}; running to main.ready");
            (await client.CallParsedAsync("RPCServer.CreateBreakpoint", "{\"Breakpoint\":{\"functionName\":\"main.ready\"}}", cancellationToken)).Dispose();
            (await client.CallParsedAsync("RPCServer.Command", "{\"name\":\"continue\"}", cancellationToken)).Dispose();
            using var objects = await client.CallParsedAsync("RPCServer.Eval", "{\"Scope\":{\"GoroutineID\":-1},\"Expr\":\"main.ms.HeapObjects\"}", cancellationToken);
            session.HeapObjects = long.Parse(objects.RootElement.GetProperty("result").GetProperty("Variable").GetProperty("value").GetString()!, CultureInfo.InvariantCulture);
            return session;
        }
        catch
        {
            await dlvx.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs a plugin command <paramref name="iterations"/> times, after <paramref name="warmUps"/>
    /// warm-up runs: through Dlvx.Run (text and data), or with <paramref name="asTerminal"/> through
    /// Eval <c>dlv COMMAND</c>, the text the dlv terminal shows.
    /// </summary>
    public async Task<CommandMeasurement> MeasureAsync(string commandLine, int iterations, CancellationToken cancellationToken, int warmUps = 1, bool asTerminal = false)
    {
        var words = commandLine.Split(' ');
        var request = asTerminal
            ? JsonSerializer.Serialize(new { Scope = new { GoroutineID = -1 }, Expr = "dlv " + commandLine })
            : JsonSerializer.Serialize(new RunRequest(words[0], words[1..]), DlvxApiJson.Options);
        Func<Task<long>> run = asTerminal ? () => EvalAsync(request, cancellationToken) : () => RunAsync(request, cancellationToken);
        for (var i = 0; i < warmUps; i++)
        {
            await run();
        }

        var samples = new Samples();
        var hostCpu = new Samples();
        var delveCpu = new Samples();
        var requests = new Samples();
        var roundTrips = new Samples();
        long peak = 0;
        for (var i = 0; i < iterations; i++)
        {
            var (requestsBefore, roundTripsBefore) = await DelveCountsAsync(cancellationToken);
            // The process's own utime + stime: it keeps the time of threads that ended during the command
            // (summing each live thread's schedstat lost them, and once came out negative).
            var hostBefore = CpuTicks(dlvx.Pid);
            var delveBefore = CpuTicks(delvePid);
            var watch = Stopwatch.StartNew();
            var (_, callPeak) = await dlvx.PeakResidentDuringAsync(run);
            samples.Add(watch.Elapsed.TotalMilliseconds);
            peak = Math.Max(peak, callPeak);
            hostCpu.Add((CpuTicks(dlvx.Pid) - hostBefore) / 100.0);
            delveCpu.Add((CpuTicks(delvePid) - delveBefore) / 100.0);
            var (requestsAfter, roundTripsAfter) = await DelveCountsAsync(cancellationToken);
            requests.Add(requestsAfter - requestsBefore);
            roundTrips.Add(roundTripsAfter - roundTripsBefore);
        }

        HeapBenchmark.Log($"{commandLine}: {samples.Median / 1000:0.00} s, peak {peak / 1e6:0} MB");
        return new CommandMeasurement(samples, peak, string.Create(CultureInfo.InvariantCulture,
            $"{(asTerminal ? "Eval dlv COMMAND (text)" : "Dlvx.Run")}, {iterations} runs after {warmUps} warm-up(s); per run: dlvx CPU {hostCpu.Median:0.00} s, Delve CPU {delveCpu.Median:0.00} s, {requests.Median:0} Delve requests in {roundTrips.Median:0} round trips; the rest of the wall time is waiting (target memory is read from /proc/PID/mem)"));
    }

    /// <summary>Times a plain Delve call, straight to Delve.</summary>
    public async Task<Samples> MeasureDelveAsync(string method, string parameters, int iterations, CancellationToken cancellationToken)
    {
        await delve.CallAsync(method, parameters, cancellationToken);
        var samples = new Samples();
        for (var i = 0; i < iterations; i++)
        {
            var watch = Stopwatch.StartNew();
            await delve.CallAsync(method, parameters, cancellationToken);
            samples.Add(watch.Elapsed.TotalMilliseconds);
        }

        return samples;
    }

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        delve.Dispose();
        await dlvx.DisposeAsync();
    }

    private async Task<long> RunAsync(string request, CancellationToken cancellationToken)
    {
        using var response = await client.CallParsedAsync(DlvxMethods.Run, request, cancellationToken);
        return response.RootElement.GetProperty("result").GetProperty("Text").GetString()!.Length;
    }

    private async Task<long> EvalAsync(string request, CancellationToken cancellationToken)
    {
        using var response = await client.CallParsedAsync("RPCServer.Eval", request, cancellationToken);
        return response.RootElement.GetProperty("result").GetProperty("Variable").GetProperty("value").GetString()!.Length;
    }

    private async Task<(long Requests, long RoundTrips)> DelveCountsAsync(CancellationToken cancellationToken)
    {
        using var stats = await client.CallParsedAsync(DlvxMethods.Stats, JsonSerializer.Serialize(new StatsRequest(), DlvxApiJson.Options), cancellationToken);
        var result = stats.RootElement.GetProperty("result").Deserialize<StatsResponse>(DlvxApiJson.Options)!;
        return (result.PluginDelveRequests, result.PluginDelveRoundTrips);
    }

    private static RawJsonRpcClient Connect(string address)
    {
        var colon = address.LastIndexOf(':');
        return new RawJsonRpcClient(address[..colon], int.Parse(address[(colon + 1)..], CultureInfo.InvariantCulture));
    }

    // The pid of the process named name whose parent is parent.
    private static int FindChild(int parent, string name)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid))
            {
                try
                {
                    var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                    var close = stat.LastIndexOf(')');
                    var comm = stat[(stat.IndexOf('(') + 1)..close];
                    var fields = stat[(close + 2)..].Split(' ');
                    if (comm == name && int.Parse(fields[1], CultureInfo.InvariantCulture) == parent)
                    {
                        return pid;
                    }
                }
                catch (IOException)
                {
                    // Ended while listing.
                }
            }
        }

        return 0;
    }

    // utime + stime in clock ticks (USER_HZ, 100 on Linux).
    private static long CpuTicks(int pid)
    {
        if (pid == 0)
        {
            return 0;
        }

        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"dlvx listening at: (?<addr>\S+)")]
    private static partial Regex DlvxListening();

    [GeneratedRegex(@"Delve API server at (?<addr>\S+)")]
    private static partial Regex DelveAddressLine();
}
