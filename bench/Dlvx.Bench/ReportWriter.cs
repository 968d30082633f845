using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Dlvx.Bench;

/// <summary>Writes bench/results.md: machine, versions, the exact command and every row with its budget.</summary>
internal static class ReportWriter
{
    public static string Write(BenchOptions options, IReadOnlyList<ScenarioResult> results, string delveVersion, string goVersion)
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine("# dlvx benchmark results").AppendLine();
        text.AppendLine(invariant, $"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine(invariant, $"- Command: `{options.CommandLine.Trim()}`{(options.Quick ? " (quick mode)" : "")}");
        text.AppendLine(invariant, $"- Machine: {Environment.ProcessorCount} cores, {MemoryGiB():0.0} GiB, {RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}");
        text.AppendLine(invariant, $"- Versions: .NET {Environment.Version}, {delveVersion}, {goVersion}");
        text.AppendLine("- Method: every figure is measured against plain Delve in the same run, A/B alternating, after warm-up. Ratios are of medians.").AppendLine();
        text.AppendLine("| Scenario | Budget | Plain Delve median / p95 (ms) | Through dlvx median / p95 (ms) | Figure | Budget met | How |");
        text.AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var row in results)
        {
            text.AppendLine(invariant, $"| {row.Scenario} | {row.Budget} | {Format(row.Direct)} | {Format(row.Through)} | {row.Figure} | {(row.Met ? "yes" : "**no**")} | {row.Note} |");
        }

        File.WriteAllText(options.Output, text.ToString());
        return text.ToString();
    }

    private static string Format(Samples? samples) =>
        samples is null ? "" : string.Create(CultureInfo.InvariantCulture, $"{samples.Median:0.000} / {samples.P95:0.000} (n={samples.Count})");

    private static double MemoryGiB()
    {
        var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0 / 1024.0;
    }
}
