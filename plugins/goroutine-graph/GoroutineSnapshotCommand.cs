using Dlvx.Sdk;
using Dlvx.Sdk.Delve;
using Dlvx.Sdk.Runtime;

namespace Dlvx.Plugins.GoroutineGraph;

/// <summary>Remembers which goroutines are alive now, for a later diff.</summary>
[Command("goroutine-graph snapshot", Summary = "Remember the goroutines alive now (for goroutine-graph diff).")]
public sealed class GoroutineSnapshotCommand(IDelveClient delve, IGoroutines goroutines, IGoroutineListing listing, GoroutineSnapshotStore store) : ICommand
{
    [Argument(0, Name = "NAME", Description = "Snapshot name (default: s1, s2, ...)")]
    public string? Name { get; set; }

    public async Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var set = await new GoroutineReader(delve, goroutines, listing) { MaxExamined = 0 }.ReadAsync(context.Progress, cancellationToken);
        var name = Name ?? $"s{store.Count + 1}";
        var snapshot = new GoroutineSnapshot(name, DateTimeOffset.UtcNow, set.Goroutines.ToDictionary(g => g.Id, CreationSite.Of));
        store.Add(snapshot);
        return CommandResult.Create($"snapshot {name}: {snapshot.CreationSites.Count} goroutines", new { Name = name, Goroutines = snapshot.CreationSites.Count });
    }
}
