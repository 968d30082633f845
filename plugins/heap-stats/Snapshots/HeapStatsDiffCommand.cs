using System.Globalization;
using System.Text;
using Dlvx.Sdk;
using Dlvx.Plugins.HeapStats.Statistics;

namespace Dlvx.Plugins.HeapStats.Snapshots;

/// <summary>Compares two snapshots, or a snapshot with the target now.</summary>
[Command(
    "heap-stats diff",
    Summary = "Compare memory statistics: snapshot A (default: the latest) with snapshot B or now.",
    Description = "Shows the headline figures' changes, then the size classes whose live bytes grew most.")]
public sealed class HeapStatsDiffCommand(MemStatsReader memStats, HeapSnapshotStore store) : ICommand
{
    /// <summary>The older snapshot.</summary>
    [Argument(0, Name = "A", Description = "The snapshot to compare from (default: the latest).")]
    public string? From { get; set; }

    /// <summary>The newer snapshot; the target now when absent.</summary>
    [Argument(1, Name = "B", Description = "The snapshot to compare to (default: the target now).")]
    public string? To { get; set; }

    /// <summary>How many size classes to list.</summary>
    [Option("top", Description = "How many size classes to list.", ValueName = "N")]
    public int Top { get; set; } = 10;

    /// <inheritdoc/>
    public async Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var from = From is null
            ? store.Latest ?? throw new CommandException("no snapshots yet; take one with 'heap-stats snapshot [NAME]'")
            : Find(From);
        var (toName, toStats) = To is null
            ? ("now", await memStats.ReadAsync(cancellationToken))
            : (To, Find(To).Stats);

        var diff = HeapStatsDiff.Compute(from.Name, from.Stats, toName, toStats);
        return CommandResult.Create(Format(diff, Top), diff);
    }

    private HeapSnapshot Find(string name) =>
        store.Find(name) ?? throw new CommandException(store.All.Count == 0
            ? $"no snapshot named {name}; no snapshots yet"
            : $"no snapshot named {name}; known: {string.Join(", ", store.All.Select(s => s.Name))}");

    private static string Format(HeapStatsDiff diff, int top)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{diff.From} -> {diff.To}");
        foreach (var counter in diff.Counters)
        {
            var from = counter.IsBytes ? ByteSize.Format(counter.From) : MemStatsText.Count(counter.From);
            var to = counter.IsBytes ? ByteSize.Format(counter.To) : MemStatsText.Count(counter.To);
            var change = counter.IsBytes ? ByteSize.FormatChange(counter.Change) : counter.Change.ToString("+#,0;-#,0;0", CultureInfo.InvariantCulture);
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"    {counter.Name,-12} {from,12} -> {to,12}  {change,12}");
        }

        var shown = diff.SizeClasses.Take(top).ToList();
        if (shown.Count == 0)
        {
            text.AppendLine().Append("No size class changed.");
            return text.ToString();
        }

        text.AppendLine().AppendLine().Append(CultureInfo.InvariantCulture, $"Size classes by growth in live bytes (top {shown.Count} of {diff.SizeClasses.Count} that changed):");
        text.AppendLine().Append("      size   live objects     live bytes    mallocs      frees");
        foreach (var sizeClass in shown)
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"    {sizeClass.Size,6}  {sizeClass.LiveObjectsChange,13:+#,0;-#,0;0}  {ByteSize.FormatChange(sizeClass.LiveBytesChange),13}  {sizeClass.Mallocs,9:#,0}  {sizeClass.Frees,9:#,0}");
        }

        return text.ToString();
    }
}
