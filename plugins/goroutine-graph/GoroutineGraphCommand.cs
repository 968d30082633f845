using System.Diagnostics;
using System.Text.RegularExpressions;
using Dlvx.Sdk;
using Dlvx.Sdk.Delve;
using Dlvx.Sdk.Runtime;

namespace Dlvx.Plugins.GoroutineGraph;

/// <summary>Groups the stopped target's goroutines, links blocked ones to what they wait on, and points at stuck ones.</summary>
[Command("goroutine-graph", Aliases = ["gg"],
    Summary = "Group goroutines, show what blocked ones wait on, and hint at stuck ones (text, dot, mermaid, json).",
    Description = "Groups are largest first; identical stacks are folded. Findings are hints drawn from what the debugger can see. Sub-commands: 'goroutine-graph snapshot [NAME]' and 'goroutine-graph diff [A] [B]'.")]
public sealed class GoroutineGraphCommand(IDelveClient delve, IGoroutines goroutines, IGoroutineListing listing) : ICommand
{
    [Option("group-by", Description = "Group by start function, go statement, user frame, current frame or wait reason")]
    public GroupBy GroupBy { get; set; } = GroupBy.Start;

    [Option("filter", Description = "Keep goroutines whose group key, start function or user frame matches this regular expression")]
    public string Filter { get; set; } = "";

    [Option("s", Aliases = ["state"], Description = "Which goroutines to keep", ValueName = "STATE")]
    public StateFilter State { get; set; } = StateFilter.All;

    [Option("format", Description = "Output format")]
    public OutputFormat Format { get; set; } = OutputFormat.Text;

    [Option("o", Aliases = ["output"], Description = "Write the output to FILE (.svg is rendered with Graphviz dot)", ValueName = "FILE")]
    public string Output { get; set; } = "";

    [Option("top", Description = "Most groups shown in text, dot and mermaid", ValueName = "N")]
    public int Top { get; set; } = 20;

    [Option("detail", Description = "Most goroutines waiting on a semaphore whose stack is read to name the lock (Go 1.19 does not name it in the wait reason); what each goroutine waits on is always read", ValueName = "N")]
    public int Detail { get; set; } = 500;

    [Option("wait-threshold", Description = "Hint at groups that have all waited at least this long", ValueName = "DURATION")]
    public TimeSpan WaitThreshold { get; set; } = TimeSpan.FromMinutes(1);

    /// <inheritdoc/>
    public async Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (Top <= 0 || Detail < 0)
        {
            throw new UsageException("-top must be positive and -detail not negative");
        }

        Regex? filter;
        try
        {
            filter = Filter.Length > 0 ? new Regex(Filter, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)) : null;
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"-filter: {e.Message}");
        }

        var reader = new GoroutineReader(delve, goroutines, listing) { MaxExamined = Detail };
        var set = await reader.ReadAsync(context.Progress, cancellationToken);
        var kept = set.Goroutines.Where(g => Keep(g, filter)).ToList();
        var graph = GraphBuilder.Build(kept, GroupBy, WaitThreshold, set.Examined, set.Eligible, set.Goroutines.Count(g => GoroutineStatus.CanRun(g.Status)));
        var rendered = Format switch
        {
            OutputFormat.Dot => DiagramRenderer.Dot(graph, Top),
            OutputFormat.Mermaid => DiagramRenderer.Mermaid(graph, Top),
            OutputFormat.Json => System.Text.Json.JsonSerializer.Serialize(graph, new System.Text.Json.JsonSerializerOptions { WriteIndented = true }),
            _ => TextRenderer.Render(graph, GroupBy, await BucketsAsync(graph, set, reader, cancellationToken), Top),
        };

        if (Output.Length > 0)
        {
            rendered = await WriteAsync(rendered, graph, cancellationToken);
        }

        return CommandResult.Create(rendered, graph);
    }

    private bool Keep(GoroutineRecord g, Regex? filter)
    {
        var state = State switch
        {
            StateFilter.Blocking => WaitReasons.IsBlocking(g.WaitReason),
            StateFilter.Running => GoroutineStatus.CanRun(g.Status),
            _ => true,
        };
        return state && (filter is null || filter.IsMatch(GraphBuilder.KeyOf(g, GroupBy)) || filter.IsMatch(g.Start.Function) || filter.IsMatch(g.UserCurrent.Function));
    }

    /// <summary>
    /// Folds each group's members by where they are (current and user frames), the way panicparse
    /// buckets identical stacks, and reads one stack per bucket that was not read already.
    /// </summary>
    private static async Task<Dictionary<string, IReadOnlyList<(int, IReadOnlyList<CodeLocation>)>>> BucketsAsync(GraphData graph, GoroutineSet set, GoroutineReader reader, CancellationToken cancellationToken)
    {
        var byId = graph.Goroutines.ToDictionary(g => g.Id);
        var result = new Dictionary<string, IReadOnlyList<(int, IReadOnlyList<CodeLocation>)>>(StringComparer.Ordinal);
        var reads = 0;
        foreach (var group in graph.Groups.Take(20))
        {
            var buckets = new List<(int, IReadOnlyList<CodeLocation>)>();
            foreach (var bucket in group.Ids.GroupBy(id => (byId[id].Current.File, byId[id].Current.Line, byId[id].UserCurrent.File, byId[id].UserCurrent.Line, byId[id].Start.Function)).OrderByDescending(b => b.Count()).Take(3))
            {
                var representative = bucket.First();
                var stack = set.Stacks.TryGetValue(representative, out var known) ? known
                    : reads++ < 60 ? await reader.ReadStackAsync(representative, cancellationToken) : [];
                buckets.Add((bucket.Count(), stack));
            }

            result[group.Key] = buckets;
        }

        return result;
    }

    private async Task<string> WriteAsync(string rendered, GraphData graph, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(Output);
        if (!path.EndsWith(".svg", StringComparison.OrdinalIgnoreCase))
        {
            await File.WriteAllTextAsync(path, rendered, cancellationToken);
            return $"wrote {Format.ToString().ToLowerInvariant()} to {path}";
        }

        var start = new ProcessStartInfo("dot", ["-Tsvg", "-o", path]) { RedirectStandardInput = true, RedirectStandardError = true };
        Process? dot;
        try
        {
            dot = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new CommandException("writing SVG needs Graphviz's dot, which is not installed (Debian/Ubuntu: apt-get install -y graphviz); use -o FILE.dot instead");
        }

        using (dot)
        {
            await dot!.StandardInput.WriteAsync(DiagramRenderer.Dot(graph, Top));
            dot.StandardInput.Close();
            var error = await dot.StandardError.ReadToEndAsync(cancellationToken);
            await dot.WaitForExitAsync(cancellationToken);
            if (dot.ExitCode != 0)
            {
                throw new CommandException($"dot failed: {error.Trim()}");
            }
        }

        return $"wrote SVG to {path}";
    }
}
