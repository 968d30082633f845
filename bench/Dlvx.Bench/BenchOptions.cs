namespace Dlvx.Bench;

/// <summary>Command-line settings of a benchmark run.</summary>
internal sealed class BenchOptions
{
    public bool Quick { get; init; }

    public int Goroutines { get; init; } = 100_000;

    public int StateIterations { get; init; } = 1000;

    public int LargeIterations { get; init; } = 7;

    public int StartIterations { get; init; } = 7;

    /// <summary>Objects in the heap benchmarks' target (<c>--objects</c>).</summary>
    public int HeapObjects { get; init; } = 1_000_000;

    /// <summary>Objects in the large heap benchmark's target.</summary>
    public int BigHeapObjects { get; init; } = 10_000_000;

    /// <summary>Matrix rows the heap benchmarks run on (<c>--rows go1.19,go1.26</c>); the first is the baseline.</summary>
    public IReadOnlyList<string> Rows { get; init; } = ["go1.19", "go1.26"];

    public required string RepoRoot { get; init; }

    public required string Output { get; init; }

    public string CommandLine { get; init; } = "";

    /// <summary>Scenario keys to run (<c>--only start,state,...</c>); empty runs them all.</summary>
    public IReadOnlySet<string> Only { get; init; } = new HashSet<string>();

    /// <summary>Every scenario key <c>--only</c> accepts.</summary>
    public static IReadOnlyList<string> ScenarioKeys { get; } = ["start", "state", "stacktrace", "listing", "dap", "noop", "heap-stats", "goroutine-graph", "isolated", "memory", "delve-death", "heap-walk", "heap-retain", "heap-roots", "heap-10m", "goroutine-scale"];

    /// <summary>The heap benchmarks' keys (each on its own targets, per matrix row).</summary>
    public static IReadOnlyList<string> HeapScenarioKeys { get; } = ["heap-walk", "heap-retain", "heap-roots", "heap-10m", "goroutine-scale"];

    /// <summary>Whether any heap benchmark runs.</summary>
    public bool RunsHeap => HeapScenarioKeys.Any(Runs);

    /// <summary>Whether any scenario on the proxy benchmark's target runs.</summary>
    public bool RunsProxy => ScenarioKeys.Except(HeapScenarioKeys).Any(Runs);

    public bool Runs(string scenario) => Only.Count == 0 || Only.Contains(scenario);

    public static BenchOptions Parse(string[] args, string repoRoot)
    {
        string[] known = ["--quick", "--only", "--goroutines", "--out", "--objects", "--rows"];
        if (args.FirstOrDefault(a => a.StartsWith('-') && !known.Contains(a)) is { } unknown)
        {
            throw new ArgumentException($"unknown option '{unknown}'");
        }

        var quick = args.Contains("--quick");
        // A partial run (--only) must not replace the full report.
        var output = Path.Combine(repoRoot, "bench", args.Contains("--only") ? "results-partial.md" : "results.md");
        var goroutines = quick ? 10_000 : 100_000;
        var only = new HashSet<string>(StringComparer.Ordinal);
        var objects = quick ? 100_000 : 1_000_000;
        IReadOnlyList<string> rows = ["go1.19", "go1.26"];
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--out")
            {
                output = Path.GetFullPath(args[i + 1]);
            }
            else if (args[i] == "--objects")
            {
                objects = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (args[i] == "--rows")
            {
                rows = args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            }
            else if (args[i] == "--goroutines")
            {
                goroutines = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (args[i] == "--only")
            {
                foreach (var key in args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (!ScenarioKeys.Contains(key))
                    {
                        throw new ArgumentException($"unknown scenario '{key}' for --only; expected one of: {string.Join(", ", ScenarioKeys)}");
                    }

                    only.Add(key);
                }
            }
        }

        return new BenchOptions
        {
            Quick = quick,
            Goroutines = goroutines,
            HeapObjects = objects,
            Rows = rows,
            StateIterations = quick ? 200 : 1000,
            LargeIterations = quick ? 3 : 7,
            StartIterations = quick ? 3 : 7,
            RepoRoot = repoRoot,
            Output = output,
            CommandLine = "./bench/run.sh " + string.Join(' ', args),
            Only = only,
        };
    }
}
