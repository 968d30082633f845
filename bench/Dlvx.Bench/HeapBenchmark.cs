namespace Dlvx.Bench;

/// <summary>
/// The heap analyses at scale, on each Go/Delve row asked for: the by-type walk, retained sizes and
/// goroutine leaks on 10^6 objects and 10^5 goroutines, and the walk on 10^7 objects with dlvx's peak
/// resident memory. Each row also says where the time went: dlvx's CPU, Delve's CPU and Delve requests.
/// </summary>
internal sealed class HeapBenchmark(BenchOptions options, string dlvxPath, string pluginFolders)
{
    private const int HeapGoroutines = 100_000;
    private readonly List<ScenarioResult> results = [];
    private readonly Dictionary<string, Samples> walks = [];

    public IReadOnlyList<ScenarioResult> Results => results;

    public async Task RunAsync(IReadOnlyList<ToolchainRow> rows, CancellationToken cancellationToken)
    {
        foreach (var row in rows)
        {
            var binary = Path.Combine(Path.GetTempPath(), $"dlvx-bench-heap-{row.Name}-{Environment.ProcessId}");
            try
            {
                await row.BuildAsync(Path.Combine(options.RepoRoot, "bench", "heap-target"), binary, cancellationToken);
                await MeasureRowAsync(row, binary, cancellationToken);
            }
            finally
            {
                File.Delete(binary);
            }
        }

        // Speed holds across releases: each row's walk against the first row's (Go 1.19 with Delve 1.20.2 by default).
        if (rows.Count > 1 && walks.TryGetValue(rows[0].Name, out var reference))
        {
            foreach (var row in rows.Skip(1).Where(r => walks.ContainsKey(r.Name)))
            {
                var ratio = walks[row.Name].Median / reference.Median;
                results.Add(new ScenarioResult($"heap-stats --by-type, {options.HeapObjects:N0} objects: {row.Name} against {rows[0].Name}", "ratio ≤ 1.5", reference, walks[row.Name],
                    $"{ratio:0.00}", ratio <= 1.5, $"medians of the rows' own runs above ({row.Description} against {rows[0].Description})"));
            }
        }
    }

    private async Task MeasureRowAsync(ToolchainRow row, string binary, CancellationToken cancellationToken)
    {
        var iterations = options.Quick ? 1 : 3;
        if (options.Runs("heap-walk") || options.Runs("heap-retain"))
        {
            await using var session = await HeapSession.StartAsync(dlvxPath, pluginFolders, row, binary, [options.HeapObjects, 0], cancellationToken);
            var walk = await session.MeasureAsync("heap-stats --by-type -top 1", iterations, cancellationToken);
            walks[row.Name] = walk.Samples;
            results.Add(new ScenarioResult($"heap-stats --by-type on {session.HeapObjects:N0} objects ({row.Name})", "reported; the baseline of the rows below", null, walk.Samples,
                $"{walk.Samples.Median / 1000:0.00} s, peak {walk.PeakResidentBytes / 1e6:0} MB", true, walk.Breakdown));
            if (options.Runs("heap-retain"))
            {
                var dominators = await session.MeasureAsync("heap-stats --dominators -top 10", iterations, cancellationToken);
                var ratio = dominators.Samples.Median / walk.Samples.Median;
                results.Add(new ScenarioResult($"heap-stats --dominators on {session.HeapObjects:N0} objects ({row.Name})", "≤ 2 × the by-type walk", walk.Samples, dominators.Samples,
                    $"{ratio:0.00} ×, peak {dominators.PeakResidentBytes / 1e6:0} MB", ratio <= 2, dominators.Breakdown));
            }
        }

        if (options.Runs("heap-roots") || options.Runs("heap-retain"))
        {
            await using var session = await HeapSession.StartAsync(dlvxPath, pluginFolders, row, binary, [options.HeapObjects, HeapGoroutines], cancellationToken);
            var listing = await session.MeasureDelveAsync("RPCServer.ListGoroutines", "{\"Count\":0}", iterations, cancellationToken);
            var walk = await session.MeasureAsync("heap-stats --by-type -top 1", iterations, cancellationToken);
            results.Add(new ScenarioResult($"heap-stats --by-type with {HeapGoroutines:N0} goroutines, {session.HeapObjects:N0} objects ({row.Name})", "≤ 10 s", listing, walk.Samples,
                $"{walk.Samples.Median / 1000:0.00} s ({walk.Samples.Median / listing.Median:0.00} × one plain ListGoroutines), peak {walk.PeakResidentBytes / 1e6:0} MB", walk.Samples.Median <= 10_000, walk.Breakdown));
            if (options.Runs("heap-retain"))
            {
                var leaks = await session.MeasureAsync("goroutine-leaks", iterations, cancellationToken);
                var ratio = leaks.Samples.Median / walk.Samples.Median;
                results.Add(new ScenarioResult($"goroutine-leaks with {HeapGoroutines:N0} leaked goroutines, {session.HeapObjects:N0} objects ({row.Name})", "reported against the by-type walk of the same target", walk.Samples, leaks.Samples,
                    $"{ratio:0.00} × the walk, {leaks.Samples.Median / 1000:0.00} s, peak {leaks.PeakResidentBytes / 1e6:0} MB", true, leaks.Breakdown));
            }
        }

        if (options.Runs("goroutine-scale"))
        {
            await MeasureGoroutineGraphAsync(row, binary, cancellationToken);
        }

        if (options.Runs("heap-10m") && !options.Quick)
        {
            await using var session = await HeapSession.StartAsync(dlvxPath, pluginFolders, row, binary, [options.BigHeapObjects, 0], cancellationToken);
            var walk = await session.MeasureAsync("heap-stats --by-type -top 1", 1, cancellationToken);
            results.Add(new ScenarioResult($"heap-stats --by-type on {session.HeapObjects:N0} objects ({row.Name})", "≤ 20 s and ≤ 512 MB peak", null, walk.Samples,
                $"{walk.Samples.Median / 1000:0.00} s, peak {walk.PeakResidentBytes / 1e6:0} MB", walk.Samples.Median <= 20_000 && walk.PeakResidentBytes <= 512_000_000, walk.Breakdown));
            var dominators = await session.MeasureAsync("heap-stats --dominators -top 10", 1, cancellationToken);
            var ratio = dominators.Samples.Median / walk.Samples.Median;
            results.Add(new ScenarioResult($"heap-stats --dominators on {session.HeapObjects:N0} objects ({row.Name})", "≤ 2 × the walk and ≤ 1 GB peak", walk.Samples, dominators.Samples,
                $"{ratio:0.00} ×, peak {dominators.PeakResidentBytes / 1e6:0} MB", ratio <= 2 && dominators.PeakResidentBytes <= 1_000_000_000, dominators.Breakdown));
        }
    }

    // goroutine-graph against the listing it replaces: Delve's own ListGoroutines of every goroutine,
    // timed straight to Delve on the same target just before. The JIT gets three warm-up runs, as a
    // session that has run the command a few times would have.
    private async Task MeasureGoroutineGraphAsync(ToolchainRow row, string binary, CancellationToken cancellationToken)
    {
        var iterations = options.Quick ? 1 : 5;
        await using var session = await HeapSession.StartAsync(dlvxPath, pluginFolders, row, binary, [1000, HeapGoroutines], cancellationToken);
        var listing = await session.MeasureDelveAsync("RPCServer.ListGoroutines", "{\"Count\":0}", iterations, cancellationToken);
        HeapBenchmark.Log($"{row.Name}: ListGoroutines of {HeapGoroutines:N0} goroutines: {listing.Median / 1000:0.00} s");
        // As the dlv terminal asks (Eval dlv COMMAND), which gets text: the JSON is text there too.
        foreach (var (command, budget) in new[] { ("goroutine-graph", 0.5), ("goroutine-graph -s blocking", 0.5), ("goroutine-graph --json", 1.0) })
        {
            var graph = await session.MeasureAsync(command, iterations, cancellationToken, warmUps: 3, asTerminal: true);
            var ratio = graph.Samples.Median / listing.Median;
            results.Add(new ScenarioResult($"{command} at {HeapGoroutines:N0} goroutines vs one plain ListGoroutines ({row.Name})", $"ratio ≤ {budget:0.0}", listing, graph.Samples,
                $"{ratio:0.00} ({graph.Samples.Median / 1000:0.00} s against {listing.Median / 1000:0.00} s), peak {graph.PeakResidentBytes / 1e6:0} MB", ratio <= budget, graph.Breakdown));
        }
    }

    internal static void Log(string text) => Console.Error.WriteLine($"bench: {text}");
}
