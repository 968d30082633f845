using System.Globalization;
using Dlvx.Sdk;
using Dlvx.Plugins.HeapStats.Statistics;

namespace Dlvx.Plugins.HeapStats.Snapshots;

/// <summary>Takes (or loads) a named snapshot of the memory statistics for heap-stats diff.</summary>
[Command(
    "heap-stats snapshot",
    Summary = "Keep the memory statistics under a name for heap-stats diff; --save/--load a JSON file.",
    Description = "Without NAME the snapshot is called s1, s2... A snapshot with the same name is replaced. "
        + "--load FILE adds a saved snapshot instead of reading the target (named NAME if given).")]
public sealed class HeapStatsSnapshotCommand(MemStatsReader memStats, HeapSnapshotStore store) : ICommand
{
    /// <summary>The snapshot's name.</summary>
    [Argument(0, Name = "NAME", Description = "The snapshot's name (default s1, s2...).")]
    public string? Name { get; set; }

    /// <summary>Also write the snapshot to this file.</summary>
    [Option("save", Description = "Also write the snapshot to this JSON file.", ValueName = "FILE")]
    public string? SaveTo { get; set; }

    /// <summary>Add a snapshot from this file instead of reading the target.</summary>
    [Option("load", Description = "Add the snapshot saved in this JSON file instead of reading the target.", ValueName = "FILE")]
    public string? LoadFrom { get; set; }

    /// <inheritdoc/>
    public async Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (SaveTo is not null && LoadFrom is not null)
        {
            throw new UsageException("use either --save or --load");
        }

        HeapSnapshot snapshot;
        if (LoadFrom is not null)
        {
            var loaded = await SnapshotFile.LoadAsync(LoadFrom, cancellationToken);
            snapshot = Name is null ? loaded : loaded with { Name = Name };
        }
        else
        {
            var stats = await memStats.ReadAsync(cancellationToken);
            snapshot = new HeapSnapshot(Name ?? store.NextName(), DateTimeOffset.UtcNow, stats);
            if (SaveTo is not null)
            {
                await SnapshotFile.SaveAsync(snapshot, SaveTo, cancellationToken);
            }
        }

        store.Put(snapshot);
        var origin = LoadFrom is not null ? $" loaded from {LoadFrom}" : SaveTo is not null ? $", saved to {SaveTo}" : "";
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"snapshot {snapshot.Name}{origin}: heap {ByteSize.Format(snapshot.Stats.HeapAlloc)} in {MemStatsText.Count(snapshot.Stats.HeapObjects)} objects, {MemStatsText.Count(snapshot.Stats.Mallocs)} mallocs, {snapshot.Stats.NumGC} GCs ({store.All.Count} snapshot{(store.All.Count == 1 ? "" : "s")} kept)");
        return CommandResult.Create(text, snapshot);
    }
}
