using System.Text;
using Dlvx.Sdk;
using Dlvx.Sdk.Delve;
using Dlvx.Sdk.Runtime;

namespace Dlvx.Plugins.GoroutineGraph;

/// <summary>Compares two snapshots (or a snapshot and now): the goroutines alive in both, and those created since.</summary>
[Command("goroutine-graph diff", Summary = "Show goroutines alive in both snapshots and created since, by creation site: how a leak shows.")]
public sealed class GoroutineDiffCommand(IDelveClient delve, IGoroutines goroutines, IGoroutineListing listing, GoroutineSnapshotStore store) : ICommand
{
    [Argument(0, Name = "A", Description = "The earlier snapshot (default: the latest)")]
    public string? Before { get; set; }

    [Argument(1, Name = "B", Description = "The later snapshot (default: now)")]
    public string? After { get; set; }

    public async Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var before = store.Find(Before) ?? throw new CommandException(store.Count == 0
            ? "no snapshots yet; take one with 'goroutine-graph snapshot [NAME]'"
            : $"no snapshot named {Before}; have: {string.Join(", ", store.Names)}");
        GoroutineSnapshot after;
        if (After is null)
        {
            var set = await new GoroutineReader(delve, goroutines, listing) { MaxExamined = 0 }.ReadAsync(context.Progress, cancellationToken);
            after = new GoroutineSnapshot("now", DateTimeOffset.UtcNow, set.Goroutines.ToDictionary(g => g.Id, CreationSite.Of));
        }
        else
        {
            after = store.Find(After) ?? throw new CommandException($"no snapshot named {After}; have: {string.Join(", ", store.Names)}");
        }

        var survived = Sites(before.CreationSites.Keys.Where(after.CreationSites.ContainsKey), after);
        var created = Sites(after.CreationSites.Keys.Where(id => !before.CreationSites.ContainsKey(id)), after);
        var ended = before.CreationSites.Keys.Count(id => !after.CreationSites.ContainsKey(id));
        var text = new StringBuilder();
        text.AppendLine($"{before.Name} ({before.CreationSites.Count} goroutines) -> {after.Name} ({after.CreationSites.Count} goroutines): {created.Sum(s => s.Count)} created since, {survived.Sum(s => s.Count)} alive in both, {ended} ended");
        Append(text, "Created since (a leak grows here):", created);
        Append(text, "Alive in both:", survived);
        return CommandResult.Create(text.ToString().TrimEnd(), new
        {
            Before = before.Name,
            After = after.Name,
            Created = created,
            AliveInBoth = survived,
            Ended = ended,
        });
    }

    private static List<SiteCount> Sites(IEnumerable<long> ids, GoroutineSnapshot snapshot) =>
        ids.GroupBy(id => snapshot.CreationSites[id])
            .Select(g => new SiteCount(g.Key, g.Count(), g.Order().Take(20).ToList()))
            .OrderByDescending(s => s.Count)
            .ToList();

    private static void Append(StringBuilder text, string title, List<SiteCount> sites)
    {
        text.AppendLine().AppendLine(title);
        foreach (var site in sites.Take(15))
        {
            text.AppendLine($"  {site.Count,6}  {site.Site}");
        }

        if (sites.Count == 0)
        {
            text.AppendLine("  (none)");
        }
    }
}
