using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dlvx.Host.Api;

namespace Dlvx.Bench;

/// <summary>
/// Measures each scenario against plain Delve and through dlvx in the same run, alternating A and B
/// so that drift on a shared machine hits both sides alike.
/// </summary>
internal sealed partial class ProxyBenchmark(BenchOptions options, string targetBinary, string dlvxPath, string pluginFolders)
{
    private readonly List<ScenarioResult> results = [];

    public IReadOnlyList<ScenarioResult> Results => results;

    public long IdleResidentBytes { get; private set; }

    /// <summary>The minimal Go TCP forwarder measured as the floor any proxy can reach.</summary>
    public string ForwarderBinary { get; init; } = "";

    /// <summary>The minimal .NET front for Delve (bench/start-floor) measured as the start-time floor for a .NET host.</summary>
    public string StartFloorAssembly { get; init; } = "";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (options.Runs("start"))
        {
            await MeasureStartAsync(cancellationToken);
        }

        if (options.Runs("delve-death"))
        {
            await MeasureDelveDeathAsync(cancellationToken);
        }

        await using var dlvx = await ServerProcess.StartAsync(
            "dotnet",
            [dlvxPath, "exec", targetBinary, "--listen", "127.0.0.1:0", "--command-timeout", "900", "--", options.Goroutines.ToString(CultureInfo.InvariantCulture)],
            DlvxListening(),
            new Dictionary<string, string> { ["DLVX_PLUGINS"] = pluginFolders },
            graceful: true,
            cancellationToken);
        var delveAddress = dlvx.StandardError.Select(line => DelveAddressLine().Match(line)).First(m => m.Success).Groups["addr"].Value;
        var (delveHost, delvePort) = Split(delveAddress);
        var (dlvxHost, dlvxPort) = Split(dlvx.Address);
        Log($"dlvx {dlvx.Address} in front of Delve {delveAddress}; running the target to main.ready ({options.Goroutines} goroutines)");

        using var direct = new RawJsonRpcClient(delveHost, delvePort);
        using var proxied = new RawJsonRpcClient(dlvxHost, dlvxPort);
        (await direct.CallParsedAsync("RPCServer.CreateBreakpoint", "{\"Breakpoint\":{\"functionName\":\"main.ready\"}}", cancellationToken)).Dispose();
        (await direct.CallParsedAsync("RPCServer.Command", "{\"name\":\"continue\"}", cancellationToken)).Dispose();
        await Task.Delay(1000, cancellationToken);
        IdleResidentBytes = dlvx.ResidentBytes();

        // The no-op rows and the isolated row are relative to State and to the in-process no-op.
        if (options.Runs("state") || options.Runs("noop") || options.Runs("isolated"))
        {
            await MeasureStateAsync(direct, proxied, dlvx, delveAddress, cancellationToken);
        }

        if (options.Runs("stacktrace"))
        {
            var deep = await FindDeepGoroutineAsync(direct, cancellationToken);
            await MeasurePairAsync("Stacktrace depth 50", "ratio ≤ 1.10", 1.10, options.StateIterations / 2,
                () => direct.CallAsync("RPCServer.Stacktrace", $"{{\"Id\":{deep},\"Depth\":50}}", cancellationToken),
                () => proxied.CallAsync("RPCServer.Stacktrace", $"{{\"Id\":{deep},\"Depth\":50}}", cancellationToken));
        }

        if (options.Runs("listing") || options.Runs("memory"))
        {
            await MeasureListingAsync(direct, proxied, dlvx, cancellationToken);
        }

        if (options.Runs("dap"))
        {
            await MeasureDapAsync(delveHost, delvePort, dlvxHost, dlvxPort, cancellationToken);
        }

        if (options.Runs("noop") || options.Runs("isolated"))
        {
            await MeasureNoopRoutesAsync(dlvxHost, dlvxPort, proxied, cancellationToken);
        }

        if (options.Runs("heap-stats") || options.Runs("goroutine-graph"))
        {
            await MeasurePluginsAsync(direct, proxied, dlvx, cancellationToken);
        }

        if (options.Runs("isolated"))
        {
            await MeasureIsolatedNoopAsync(delveAddress, cancellationToken);
        }
    }

    private async Task MeasureListingAsync(RawJsonRpcClient direct, RawJsonRpcClient proxied, ServerProcess dlvx, CancellationToken cancellationToken)
    {
        long responseBytes = 0;
        long peak = 0;
        await MeasurePairAsync($"ListGoroutines of {options.Goroutines + 6:N0} goroutines (one call)", "ratio ≤ 1.05", 1.05, options.LargeIterations,
            async () => responseBytes = await direct.CallAsync("RPCServer.ListGoroutines", "{\"Count\":0}", cancellationToken),
            async () =>
            {
                var (size, callPeak) = await dlvx.PeakResidentDuringAsync(() => proxied.CallAsync("RPCServer.ListGoroutines", "{\"Count\":0}", cancellationToken));
                peak = Math.Max(peak, callPeak);
                return size;
            });

        results.Add(new ScenarioResult("Host memory, idle with the bundled plugins", "≤ 120 MB", null, null,
            $"{IdleResidentBytes / 1e6:0.0} MB RSS", IdleResidentBytes <= 120_000_000, "VmRSS of the dlvx process after start and one continue"));
        var growth = peak - IdleResidentBytes;
        results.Add(new ScenarioResult("Host memory while proxying the goroutine listing", "≤ 2 × response above idle", null, null,
            $"+{growth / 1e6:0.0} MB for a {responseBytes / 1e6:0.0} MB response", growth <= 2 * responseBytes, "VmRSS sampled every 5 ms during the proxied calls"));
    }

    /// <summary>Runs <paramref name="call"/> while sampling the process's resident size every 5 ms; returns the call's result and the peak.</summary>
    private static (string Host, int Port) Split(string address)
    {
        var colon = address.LastIndexOf(':');
        return (address[..colon], int.Parse(address[(colon + 1)..], CultureInfo.InvariantCulture));
    }

    private static void Log(string text) => Console.Error.WriteLine($"bench: {text}");

    private static async Task<long> FindDeepGoroutineAsync(RawJsonRpcClient client, CancellationToken cancellationToken)
    {
        using var page = await client.CallParsedAsync("RPCServer.ListGoroutines", "{\"Count\":0,\"Filters\":[{\"Kind\":4,\"Arg\":\"main.deep\"}]}", cancellationToken);
        return page.RootElement.GetProperty("result").GetProperty("Goroutines")[0].GetProperty("id").GetInt64();
    }

    [GeneratedRegex(@"dlvx listening at: (?<addr>\S+)")]
    private static partial Regex DlvxListening();

    [GeneratedRegex(@"forwarder listening at: (?<addr>\S+)")]
    private static partial Regex ForwarderListening();

    [GeneratedRegex(@"floor listening at: (?<addr>\S+)")]
    private static partial Regex FloorListening();

    [GeneratedRegex(@"API server listening at: (?<addr>\S+)")]
    private static partial Regex DelveListening();

    [GeneratedRegex(@"Delve API server at (?<addr>\S+)")]
    private static partial Regex DelveAddressLine();

    private async Task MeasureStartAsync(CancellationToken cancellationToken)
    {
        var plain = new Samples();
        var fronted = new Samples();
        var floor = new Samples();
        for (var i = 0; i < options.StartIterations; i++)
        {
            await using (var dlv = await ServerProcess.StartAsync("dlv", ["exec", targetBinary, "--headless", "--accept-multiclient", "--api-version=2", "--listen=127.0.0.1:0"], DelveListening(), null, graceful: false, cancellationToken))
            {
                plain.Add(dlv.StartTime.TotalMilliseconds);
            }

            await using (var host = await ServerProcess.StartAsync("dotnet", [dlvxPath, "exec", targetBinary, "--listen", "127.0.0.1:0"], DlvxListening(), new Dictionary<string, string> { ["DLVX_PLUGINS"] = pluginFolders }, graceful: true, cancellationToken))
            {
                fronted.Add(host.StartTime.TotalMilliseconds);
            }

            await using (var minimal = await ServerProcess.StartAsync("dotnet", [StartFloorAssembly, targetBinary], FloorListening(), null, graceful: false, cancellationToken))
            {
                floor.Add(minimal.StartTime.TotalMilliseconds);
            }
        }

        var ratio = fronted.Median / plain.Median;
        var profile = await ProfileStartAsync(cancellationToken);
        results.Add(new ScenarioResult("Start until listening (dlvx exec with bundled plugins vs dlv exec)", "ratio ≤ 1.5", plain, fronted,
            $"{ratio:0.00}", ratio <= 1.5, $"process start until the listening line, alternating; one more start with DLVX_STARTUP_PROFILE=1: {profile}"));
        var floorRatio = floor.Median / plain.Median;
        results.Add(new ScenarioResult("Reference: start of a minimal .NET front (runtime start, launch dlv exec, wait for its line, open a port; bench/start-floor)", "none (the floor for a .NET host)", plain, floor,
            $"{floorRatio:0.00}", true, $"alternating with the rows above; dlvx takes {fronted.Median - floor.Median:0} ms more than this floor"));
        Log($"start: dlv {plain.Median:0} ms, dlvx {fronted.Median:0} ms, minimal .NET front {floor.Median:0} ms");
    }

    /// <summary>
    /// How soon a client learns that Delve died: dlvx exec on a small target, one JSON-RPC client that
    /// has reached Delve, SIGKILL to dlv (dlvx's child), then the time until the client's socket is closed.
    /// The integration test only checks that it happens (BackendFaultTests); this is the figure.
    /// </summary>
    private async Task MeasureDelveDeathAsync(CancellationToken cancellationToken)
    {
        var samples = new Samples();
        for (var i = 0; i < options.StartIterations; i++)
        {
            await using var host = await ServerProcess.StartAsync("dotnet", [dlvxPath, "exec", targetBinary, "--listen", "127.0.0.1:0", "--no-bundled-plugins", "--", "10"], DlvxListening(), null, graceful: true, cancellationToken);
            var (address, port) = Split(host.Address);
            using var client = new System.Net.Sockets.TcpClient(address, port);
            var stream = client.GetStream();
            await stream.WriteAsync("{\"method\":\"RPCServer.State\",\"params\":[{\"NonBlocking\":true}],\"id\":1}"u8.ToArray(), cancellationToken);
            var buffer = new byte[64 * 1024];
            _ = await stream.ReadAsync(buffer, cancellationToken);

            var delve = ChildPids(host.Pid).Single(pid => File.ReadAllText($"/proc/{pid}/comm").Trim() == "dlv");
            var targets = ChildPids(delve);
            using (var dlv = Process.GetProcessById(delve))
            {
                var watch = Stopwatch.StartNew();
                dlv.Kill();
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                deadline.CancelAfter(TimeSpan.FromSeconds(60));
                while (await stream.ReadAsync(buffer, deadline.Token) > 0)
                {
                }

                samples.Add(watch.Elapsed.TotalMilliseconds);
            }

            // Delve's target outlives a killed Delve; stop it by its own pid.
            foreach (var target in targets)
            {
                try
                {
                    using var orphan = Process.GetProcessById(target);
                    orphan.Kill();
                }
                catch (ArgumentException)
                {
                    // Already gone.
                }
            }
        }

        results.Add(new ScenarioResult("Client disconnected after Delve is killed (SIGKILL to dlv until the JSON-RPC client's socket closes)", "≤ 1 s", null, samples,
            $"{samples.Median:0} ms", samples.Max <= 1000, $"{samples.Count} runs, each a fresh dlvx exec; max {samples.Max:0} ms"));
        Log($"delve-death: client disconnected {samples.Median:0} ms (max {samples.Max:0} ms) after Delve was killed");
    }

    private static IReadOnlyList<int> ChildPids(int parent) =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => int.TryParse(name, out _))
            .Select(name => int.Parse(name!, CultureInfo.InvariantCulture))
            .Where(pid =>
            {
                try
                {
                    // /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces, so split after ')'.
                    var stat = File.ReadAllText($"/proc/{pid}/stat");
                    return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture) == parent;
                }
                catch (IOException)
                {
                    return false;
                }
            })
            .ToList();

    private void AddNote(ScenarioResult row, string note) => results[results.IndexOf(row)] = row with { Note = $"{row.Note}; {note}" };

    /// <summary>
    /// The proxy's own CPU time and thread timeslices per pass-through State request (all its threads,
    /// from schedstat). A hop cannot take fewer than two timeslices per round trip: one to pass the
    /// request on, one to pass the answer back.
    /// </summary>
    private static async Task<string> CpuPerRequestAsync(ServerProcess proxy, RawJsonRpcClient client, string name, CancellationToken cancellationToken)
    {
        const int requests = 2000;
        var before = proxy.SchedulerTotals();
        for (var i = 0; i < requests; i++)
        {
            await client.CallAsync("RPCServer.State", "{\"NonBlocking\":true}", cancellationToken);
        }

        var after = proxy.SchedulerTotals();
        var microseconds = (after.CpuNanoseconds - before.CpuNanoseconds) / 1000.0 / requests;
        var timeslices = (after.Timeslices - before.Timeslices) / (double)requests;
        Log($"{name}: {microseconds:0.0} µs CPU and {timeslices:0.0} timeslices per request");
        return $"{name} CPU per request {microseconds:0.0} µs in {timeslices:0.0} timeslices";
    }

    /// <summary>One start with the host's own start-up profile: where the time goes, phase by phase.</summary>
    private async Task<string> ProfileStartAsync(CancellationToken cancellationToken)
    {
        await using var host = await ServerProcess.StartAsync("dotnet", [dlvxPath, "exec", targetBinary, "--listen", "127.0.0.1:0"], DlvxListening(),
            new Dictionary<string, string> { ["DLVX_PLUGINS"] = pluginFolders, ["DLVX_STARTUP_PROFILE"] = "1" }, graceful: true, cancellationToken);
        // The profile is printed just after the listening line.
        for (var i = 0; i < 100 && !host.StandardError.Any(l => l.Contains("startup: total", StringComparison.Ordinal)); i++)
        {
            await Task.Delay(20, cancellationToken);
        }

        var phases = host.StandardError.Where(l => l.Contains("dlvx: startup:", StringComparison.Ordinal))
            .Select(l => StartupLine().Replace(l["dlvx: startup:".Length..].Trim(), " "));
        return string.Join("; ", phases);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex StartupLine();

    /// <summary>
    /// State directly, through dlvx and through the reference forwarder, in one rotating loop, so
    /// that drift on a shared machine hits all three alike and both rows share one Delve baseline.
    /// </summary>
    private async Task MeasureStateAsync(RawJsonRpcClient direct, RawJsonRpcClient proxied, ServerProcess dlvx, string delveAddress, CancellationToken cancellationToken)
    {
        const string name = "RPCServer.State round trip, one client";
        Func<RawJsonRpcClient, Func<Task<long>>> state = client => () => client.CallAsync("RPCServer.State", "{\"NonBlocking\":true}", cancellationToken);
        if (!options.Runs("state") || ForwarderBinary.Length == 0)
        {
            await MeasurePairAsync(name, "ratio ≤ 1.10", 1.10, options.StateIterations, state(direct), state(proxied));
            return;
        }

        await using var forwarder = await ServerProcess.StartAsync(ForwarderBinary, [delveAddress], ForwarderListening(), null, graceful: false, cancellationToken);
        var (forwarderHost, forwarderPort) = Split(forwarder.Address);
        using var forwarded = new RawJsonRpcClient(forwarderHost, forwarderPort);
        var samples = await MeasureRotatingAsync(options.StateIterations, state(direct), state(proxied), state(forwarded));
        var how = $"{options.StateIterations} rotations of Delve, dlvx and the forwarder";
        var ratio = samples[1].Median / samples[0].Median;
        results.Add(new ScenarioResult(name, "ratio ≤ 1.10", samples[0], samples[1], $"{ratio:0.000}", ratio <= 1.10, how));
        Log($"{name}: Delve {samples[0].Median:0.000} ms, dlvx {samples[1].Median:0.000} ms, ratio {ratio:0.000}");
        AddNote(results[^1], await CpuPerRequestAsync(dlvx, proxied, "dlvx", cancellationToken));

        var floor = samples[2].Median / samples[0].Median;
        results.Add(new ScenarioResult("Reference: RPCServer.State through a minimal Go TCP forwarder (io.Copy both ways)", "none (the floor for any proxy)",
            samples[0], samples[2], $"{floor:0.000}", true, $"{how}; the same Delve samples as the row above"));
        Log($"forwarder: Delve {samples[0].Median:0.000} ms, forwarder {samples[2].Median:0.000} ms, ratio {floor:0.000}");
        AddNote(results[^1], await CpuPerRequestAsync(forwarder, forwarded, "forwarder", cancellationToken));
    }

    private async Task<(Samples Direct, Samples Through)> MeasurePairAsync(string name, string budget, double limit, int iterations, Func<Task<long>> direct, Func<Task<long>> through)
    {
        var samples = await MeasureRotatingAsync(iterations, direct, through);
        var (a, b) = (samples[0], samples[1]);
        var ratio = b.Median / a.Median;
        results.Add(new ScenarioResult(name, budget, a, b, $"{ratio:0.000}", ratio <= limit, $"{iterations} alternating pairs"));
        Log($"{name}: Delve {a.Median:0.000} ms, dlvx {b.Median:0.000} ms, ratio {ratio:0.000}");
        return (a, b);
    }

    /// <summary>
    /// Times each path <paramref name="iterations"/> times, starting each round with the next path
    /// in turn (A B, B A for two paths), after a warm-up of every path: JIT, connections, Delve's caches.
    /// </summary>
    private static async Task<Samples[]> MeasureRotatingAsync(int iterations, params Func<Task<long>>[] paths)
    {
        for (var i = 0; i < Math.Min(10, iterations); i++)
        {
            foreach (var path in paths)
            {
                await path();
            }
        }

        var samples = paths.Select(_ => new Samples()).ToArray();
        for (var i = 0; i < iterations; i++)
        {
            for (var k = 0; k < paths.Length; k++)
            {
                var which = (i + k) % paths.Length;
                samples[which].Add(await TimeAsync(paths[which]));
            }
        }

        return samples;
    }

    private static async Task<double> TimeAsync(Func<Task<long>> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed.TotalMilliseconds;
    }

    private async Task MeasureDapAsync(string delveHost, int delvePort, string dlvxHost, int dlvxPort, CancellationToken cancellationToken)
    {
        using var direct = new RawDapClient(delveHost, delvePort);
        using var proxied = new RawDapClient(dlvxHost, dlvxPort);
        await direct.AttachAsync(cancellationToken);
        await proxied.AttachAsync(cancellationToken);

        async Task<long> ThreadsAndStack(RawDapClient client)
        {
            var threads = await client.RequestAsync("threads", "{}", cancellationToken);
            var first = threads.GetProperty("body").GetProperty("threads")[0].GetProperty("id").GetInt32();
            await client.RequestAsync("stackTrace", $"{{\"threadId\":{first},\"startFrame\":0,\"levels\":20}}", cancellationToken);
            return 0;
        }

        await MeasurePairAsync("DAP threads + stackTrace of the current goroutine", "ratio ≤ 1.10", 1.10, Math.Max(10, options.StateIterations / 20),
            () => ThreadsAndStack(direct), () => ThreadsAndStack(proxied));
    }

    private async Task MeasureNoopRoutesAsync(string dlvxHost, int dlvxPort, RawJsonRpcClient proxied, CancellationToken cancellationToken)
    {
        var state = results.First(r => r.Scenario.StartsWith("RPCServer.State", StringComparison.Ordinal)).Direct!;
        using var dap = new RawDapClient(dlvxHost, dlvxPort);
        await dap.AttachAsync(cancellationToken);
        var routes = new (string Name, Func<Task> Call)[]
        {
            ("JSON-RPC Dlvx.Run", () => proxied.CallAsync(DlvxMethods.Run, NoopRun, cancellationToken)),
            ("JSON-RPC Eval dlv bench-noop", () => proxied.CallAsync("RPCServer.Eval", "{\"Scope\":{\"GoroutineID\":-1},\"Expr\":\"dlv bench-noop\"}", cancellationToken)),
            ("DAP evaluate dlv bench-noop", () => dap.RequestAsync("evaluate", "{\"expression\":\"dlv bench-noop\",\"context\":\"repl\"}", cancellationToken)),
        };
        foreach (var (name, call) in routes)
        {
            var samples = new Samples();
            for (var i = 0; i < options.StateIterations / 2 + 10; i++)
            {
                var watch = Stopwatch.StartNew();
                await call();
                if (i >= 10)
                {
                    samples.Add(watch.Elapsed.TotalMilliseconds);
                }
            }

            var above = samples.Median - state.Median;
            results.Add(new ScenarioResult($"No-op plugin command, {name}", "median ≤ State + 2 ms", state, samples, $"+{above:0.000} ms", above <= 2.0,
                "includes the host's running-target check (one State call to Delve)"));
            Log($"no-op via {name}: {samples.Median:0.000} ms (State direct {state.Median:0.000} ms)");
        }
    }

    /// <summary>The same no-op command with the plugin in a worker process: a second dlvx (proxy mode) on the same Delve.</summary>
    private async Task MeasureIsolatedNoopAsync(string delveAddress, CancellationToken cancellationToken)
    {
        await using var isolated = await ServerProcess.StartAsync(
            "dotnet",
            [dlvxPath, "proxy", "--backend", delveAddress, "--listen", "127.0.0.1:0", "--isolate", "Dlvx.Bench.NoopPlugin"],
            DlvxListening(),
            new Dictionary<string, string> { ["DLVX_PLUGINS"] = pluginFolders },
            graceful: true,
            cancellationToken);
        var (host, port) = Split(isolated.Address);
        using var client = new RawJsonRpcClient(host, port);
        var inProcess = results.First(r => r.Scenario.EndsWith("JSON-RPC Dlvx.Run", StringComparison.Ordinal)).Through!;
        var samples = new Samples();
        for (var i = 0; i < options.StateIterations / 2 + 10; i++)
        {
            var watch = Stopwatch.StartNew();
            await client.CallAsync(DlvxMethods.Run, NoopRun, cancellationToken);
            if (i >= 10)
            {
                samples.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        var extra = samples.Median - inProcess.Median;
        results.Add(new ScenarioResult("No-op plugin command out of process (isolation: process), JSON-RPC Dlvx.Run", "reported (no budget)", inProcess, samples,
            $"+{extra:0.000} ms over in-process", true, "second dlvx (proxy mode) on the same Delve with --isolate; baseline column is the in-process no-op"));
        Log($"isolated no-op: {samples.Median:0.000} ms (in process {inProcess.Median:0.000} ms)");
    }

    private async Task MeasurePluginsAsync(RawJsonRpcClient direct, RawJsonRpcClient proxied, ServerProcess dlvx, CancellationToken cancellationToken)
    {
        using var commands = await proxied.CallParsedAsync(DlvxMethods.ListCommands, Json(new ListCommandsRequest()), cancellationToken);
        var names = Result<ListCommandsResponse>(commands).Commands.Select(c => c.Name).ToHashSet();
        if (names.Contains("heap-stats") && options.Runs("heap-stats"))
        {
            var samples = new Samples();
            var before = await PluginDelveCountsAsync(proxied, cancellationToken);
            var requests = new Samples();
            var roundTrips = new Samples();
            for (var i = 0; i < 60; i++)
            {
                var watch = Stopwatch.StartNew();
                (await proxied.CallParsedAsync(DlvxMethods.Run, Json(new RunRequest("heap-stats")), cancellationToken)).Dispose();
                if (i >= 10)
                {
                    samples.Add(watch.Elapsed.TotalMilliseconds);
                }

                var after = await PluginDelveCountsAsync(proxied, cancellationToken);
                requests.Add(after.Requests - before.Requests);
                roundTrips.Add(after.RoundTrips - before.RoundTrips);
                before = after;
            }

            // The host's running-target check (one State call) is one of the round trips counted.
            // Medians: on a busy machine a thread preempted between two pipelined sends can split a wave.
            results.Add(new ScenarioResult("heap-stats summary", "≤ 3 Delve round trips", null, samples,
                $"{roundTrips.Median:0} round trips (max {roundTrips.Max:0}; {requests.Median:0} requests, incl. the host's State check), {samples.Median:0.0} ms",
                roundTrips.Median <= 3, "counted by the host's plugin connection (Dlvx.Stats): a request sent while none is outstanding starts a round trip; medians of 50 runs"));
            Log($"heap-stats: {roundTrips.Median:0} round trips (max {roundTrips.Max:0}), {requests.Median:0} requests, {samples.Median:0.0} ms");
        }

        if (names.Contains("goroutine-graph") && options.Runs("goroutine-graph"))
        {
            // Alternated with the listing it is budgeted against, so that both see the same machine.
            long peak = 0;
            await MeasurePairAsync($"goroutine-graph at {options.Goroutines:N0} goroutines vs one full ListGoroutines", "ratio ≤ 0.5", 0.5, options.LargeIterations,
                () => direct.CallAsync("RPCServer.ListGoroutines", "{\"Count\":0}", cancellationToken),
                async () =>
                {
                    var (size, callPeak) = await dlvx.PeakResidentDuringAsync(() => proxied.CallAsync("RPCServer.Eval", "{\"Scope\":{\"GoroutineID\":-1},\"Expr\":\"dlv goroutine-graph\"}", cancellationToken));
                    peak = Math.Max(peak, callPeak);
                    return size;
                });

            // Reported, not budgeted: the issue asks for memory proportional to the goroutine count,
            // which the quick (10,000) and full (100,000) runs show side by side.
            var growth = peak - IdleResidentBytes;
            results.Add(new ScenarioResult($"Host memory while graphing {options.Goroutines:N0} goroutines", "proportional to the goroutine count", null, null,
                $"+{growth / 1e6:0.0} MB, {growth / (double)options.Goroutines / 1024:0.0} KiB per goroutine", true,
                "peak VmRSS during the graph calls, sampled every 5 ms, above idle (the plugin keeps nothing between calls)"));
        }
    }

    private static async Task<(long Requests, long RoundTrips)> PluginDelveCountsAsync(RawJsonRpcClient client, CancellationToken cancellationToken)
    {
        using var stats = await client.CallParsedAsync(DlvxMethods.Stats, Json(new StatsRequest()), cancellationToken);
        var result = Result<StatsResponse>(stats);
        return (result.PluginDelveRequests, result.PluginDelveRoundTrips);
    }

    /// <summary>The dlvx API's request, serialised once: the no-op scenarios time the path, not the serialiser.</summary>
    private static readonly string NoopRun = Json(new RunRequest("bench-noop"));

    private static string Json(object request) => JsonSerializer.Serialize(request, request.GetType(), DlvxApiJson.Options);

    private static T Result<T>(JsonDocument response) => response.RootElement.GetProperty("result").Deserialize<T>(DlvxApiJson.Options)!;
}
