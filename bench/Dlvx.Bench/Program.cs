using System.Diagnostics;
using Dlvx.Bench;
using Dlvx.PluginRuntime.Delve;

// End-to-end benchmark: a real dlv on a real Go program, measured directly and through dlvx.
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.Out.WriteLine($"""
        Usage: ./bench/run.sh [--quick] [--only SCENARIO[,SCENARIO...]] [--goroutines N] [--objects N] [--rows ROW,...] [--out FILE]

        Measures each scenario against plain Delve and through dlvx in the same run, alternating,
        and writes bench/results.md (bench/results-partial.md with --only).

          --quick         10,000 goroutines and fewer iterations (under two minutes)
          --only          run only these scenarios: {string.Join(", ", BenchOptions.ScenarioKeys)}
          --goroutines N  parked goroutines in the target (default 100,000; 10,000 with --quick)
          --objects N     heap objects in the heap benchmarks' target (default 1,000,000; 100,000 with --quick)
          --rows ROW,...  matrix rows for the heap benchmarks, the first the baseline (default go1.19,go1.26;
                          scripts/toolchains.sh fetches them)
          --out FILE      write the report to FILE
        """);
    return 0;
}

var root = Environment.GetEnvironmentVariable("DLVX_REPO") ?? FindRoot();
BenchOptions options;
try
{
    options = BenchOptions.Parse(args, root);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine($"bench: {e.Message} (see --help)");
    return 2;
}

// The host as ./dlvx runs it (published, precompiled), unless run.sh was bypassed.
var dlvx = Environment.GetEnvironmentVariable("DLVX_HOST_DLL") is { Length: > 0 } published ? published : Path.Combine(root, "host", "Dlvx.Host", "bin", "Release", "net10.0", "dlvx.dll");
var plugins = string.Join(Path.PathSeparator, Path.Combine(root, "artifacts", "plugins"), Path.Combine(root, "bench", "noop-plugin", "bin", "Release", "net10.0"));
// Built beside this program (a project reference), in the same configuration.
var startFloor = Path.Combine(root, "bench", "start-floor", "bin", new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "Dlvx.Bench.StartFloor.dll");
var binary = Path.Combine(Path.GetTempPath(), $"dlvx-bench-{Environment.ProcessId}");
Console.Error.WriteLine($"bench: building bench/target, {(options.Quick ? "quick" : "full")} mode, {options.Goroutines} goroutines");
await GoBuilder.BuildAsync(Path.Combine(root, "bench", "target"), binary, CancellationToken.None);
var forwarder = binary + "-forwarder";
BuildOptimised(Path.Combine(root, "bench", "forwarder"), forwarder);
try
{
    var run = new ProxyBenchmark(options, binary, dlvx, plugins) { ForwarderBinary = forwarder, StartFloorAssembly = startFloor };
    if (options.RunsProxy)
    {
        await run.RunAsync(CancellationToken.None);
    }

    var results = run.Results.ToList();
    if (options.RunsHeap)
    {
        var heap = new HeapBenchmark(options, dlvx, plugins);
        await heap.RunAsync(await ToolchainRow.ListAsync(root, options.Rows, CancellationToken.None), CancellationToken.None);
        results.AddRange(heap.Results);
    }

    var report = ReportWriter.Write(options, results, Version("dlv", "version").Split('\n')[1].Trim(), Version("go", "version").Trim());
    Console.Out.WriteLine(report);
    return results.All(r => r.Met) ? 0 : 3;
}
finally
{
    File.Delete(binary);
    File.Delete(forwarder);
}

// The reference forwarder is measured as a user would build it: optimised.
static void BuildOptimised(string packageDirectory, string output)
{
    using var process = Process.Start(new ProcessStartInfo("go", ["build", "-o", output, "."]) { WorkingDirectory = packageDirectory, RedirectStandardError = true })!;
    var errors = process.StandardError.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"go build in {packageDirectory} failed: {errors}");
    }
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "PluginSdk.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("cannot find the repository root (PluginSdk.sln)");
}

static string Version(string tool, string argument)
{
    using var process = Process.Start(new ProcessStartInfo(tool, argument) { RedirectStandardOutput = true })!;
    var output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    return output;
}
