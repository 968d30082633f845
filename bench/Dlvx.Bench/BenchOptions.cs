namespace Dlvx.Bench;

/// <summary>Command-line settings of a benchmark run.</summary>
internal sealed class BenchOptions
{
    public bool Quick { get; init; }

    public int Goroutines { get; init; } = 100_000;

    public int StateIterations { get; init; } = 1000;

    public int LargeIterations { get; init; } = 5;

    public int StartIterations { get; init; } = 7;

    public required string RepoRoot { get; init; }

    public required string Output { get; init; }

    public string CommandLine { get; init; } = "";

    public static BenchOptions Parse(string[] args, string repoRoot)
    {
        var quick = args.Contains("--quick");
        var output = Path.Combine(repoRoot, "bench", "results.md");
        var goroutines = quick ? 10_000 : 100_000;
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--out")
            {
                output = Path.GetFullPath(args[i + 1]);
            }
            else if (args[i] == "--goroutines")
            {
                goroutines = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return new BenchOptions
        {
            Quick = quick,
            Goroutines = goroutines,
            StateIterations = quick ? 200 : 1000,
            LargeIterations = quick ? 3 : 5,
            StartIterations = quick ? 3 : 7,
            RepoRoot = repoRoot,
            Output = output,
            CommandLine = "./bench/run.sh " + string.Join(' ', args),
        };
    }
}
