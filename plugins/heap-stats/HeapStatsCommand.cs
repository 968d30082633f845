using Dlvx.Plugins.HeapStats.Retention;
using Dlvx.Plugins.HeapStats.Statistics;
using Dlvx.Plugins.HeapStats.Walk;
using Dlvx.Sdk;
using Dlvx.Sdk.Runtime;

namespace Dlvx.Plugins.HeapStats;

/// <summary>Shows the target's runtime.MemStats, or with --by-type a histogram of the objects reachable from its roots.</summary>
[Command(
    "heap-stats",
    Aliases = ["hs"],
    Summary = "Show the Go heap's statistics (runtime.MemStats), or live objects by type with --by-type.",
    Description = "Without options: the figures runtime.ReadMemStats would return now, derived from the stopped target's runtime "
        + "with the busiest size classes. With --by-type: every object reachable from the roots the garbage collector marks "
        + "from (globals, goroutine stacks, finalizers), found through the collector's own pointer bitmaps, counted per type.")]
public sealed class HeapStatsCommand(MemStatsReader memStats, IGoHeap heap) : ICommand
{
    /// <summary>How many size classes (or types, with --by-type) to list.</summary>
    [Option("top", Description = "How many size classes (or types with --by-type) to list.", ValueName = "N")]
    public int Top { get; set; } = 10;

    /// <summary>Walk the reachable heap and count objects per type.</summary>
    [Option("by-type", Description = "Count reachable objects per type by walking the heap from every root, as the garbage collector marks.")]
    public bool ByType { get; set; }

    /// <summary>Only types whose name matches this regular expression (--by-type).</summary>
    [Option("filter", Description = "Only list types whose name matches this regular expression (--by-type).", ValueName = "REGEX")]
    public string? Filter { get; set; }

    /// <summary>Order of the histogram rows (--by-type).</summary>
    [Option("sort", Description = "Order rows by bytes or objects (--by-type).", ValueName = "objects|bytes")]
    public HistogramSort Sort { get; set; } = HistogramSort.Bytes;

    /// <summary>Also attribute reachable bytes to the root that reached them first (--by-type).</summary>
    [Option("by-root", Description = "Also show which roots reach the most bytes, and through what kind of reference (--by-type).")]
    public bool ByRoot { get; set; }

    /// <summary>List what retains the most bytes (a dominator tree over the reachable heap).</summary>
    [Option("dominators", Description = "List the objects and roots that retain the most bytes: retained and shallow size, type, and the path to each.")]
    public bool Dominators { get; set; }

    /// <summary>Write a pprof profile of reference chains to this file.</summary>
    [Option("pprof", Description = "Write a gzipped pprof profile of the reachable heap's reference chains to FILE (for go tool pprof), on the machine dlvx runs on.", ValueName = "FILE")]
    public string? Pprof { get; set; }

    /// <inheritdoc/>
    public async Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (Top < 0)
        {
            throw new UsageException("-top must be 0 or more");
        }

        if (Dominators || Pprof is not null)
        {
            if (ByType || Filter is not null || ByRoot || Sort != HistogramSort.Bytes || (Dominators && Pprof is not null))
            {
                throw new UsageException("--dominators and --pprof each stand alone (only -top goes with --dominators)");
            }

            return Dominators ? await RetainersAsync(context, cancellationToken) : await ProfileAsync(Pprof!, context, cancellationToken);
        }

        if (!ByType)
        {
            if (Filter is not null || ByRoot || Sort != HistogramSort.Bytes)
            {
                throw new UsageException("-filter, -sort and --by-root need --by-type");
            }

            var stats = await memStats.ReadAsync(cancellationToken);
            return CommandResult.Create(MemStatsText.Format(stats, Top), stats);
        }

        var filter = TypeFilter.Parse(Filter);
        var walk = await heap.WalkAsync(context.Progress, cancellationToken);
        var histogram = TypeHistogram.From(walk, filter, Sort, ByRoot);
        return CommandResult.Create(TypeHistogramText.Format(histogram, walk.Elapsed, Top), histogram);
    }

    private async Task<CommandResult> RetainersAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var result = await heap.FindRetainersAsync(Top == 0 ? 10 : Top, context.Progress, cancellationToken);
        return CommandResult.Create(RetainersText.Format(result), result);
    }

    private async Task<CommandResult> ProfileAsync(string path, CommandContext context, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        if (Path.GetDirectoryName(full) is { } folder && !Directory.Exists(folder))
        {
            throw new UsageException($"--pprof: no folder {folder}");
        }

        await using var file = File.Create(full);
        var summary = await heap.WriteProfileAsync(file, context.Progress, cancellationToken);
        return CommandResult.Create(
            $"Wrote {full}: {summary.Samples} reference chains, {MemStatsText.Count((ulong)summary.Objects)} objects, {ByteSize.Format((ulong)summary.Bytes)} (on the machine dlvx runs on).\nOpen it with: go tool pprof -top {full}   (or -tree, or -http=:8080)",
            new { File = full, summary.Samples, summary.Objects, summary.Bytes });
    }
}
