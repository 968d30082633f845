using System.Globalization;
using System.Text;
using Dlvx.Sdk;
using Dlvx.Sdk.Delve;
using Dlvx.Sdk.Runtime;

namespace Dlvx.Plugins.GoroutineGraph.Leaks;

/// <summary>
/// The goroutines that can never run again, found the way Go 1.26's leak profile finds them but
/// from outside the process, on any Go release and on core dumps: a goroutine blocked on a channel,
/// mutex, WaitGroup or Cond that only blocked goroutines can reach.
/// </summary>
[Command("goroutine-leaks", Aliases = ["gl"],
    Summary = "List the goroutines that can never run again: blocked on channels, mutexes, WaitGroups or Conds nothing else can reach.",
    Description = "A blocked goroutine is leaked when no root but other blocked goroutines reaches what it waits on. "
        + "Roots are globals, the runtime's roots and the stacks of goroutines not blocked on a synchronisation object; a goroutine whose object is reachable counts as a root in turn. "
        + "Goroutines blocked on a nil channel or an empty select are always leaked. Groups are by start function, go statement and wait reason.")]
public sealed class GoroutineLeaksCommand(IGoroutines goroutines, IDelveClient delve) : ICommand
{
    private const int StackDepth = 16;
    private const int ListedIds = 12;

    /// <inheritdoc/>
    public async Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var report = await goroutines.FindLeaksAsync(context.Progress, cancellationToken);
        var locations = new PcLocations(delve);
        var sites = new List<(GoroutineState Goroutine, CodeLocation Start, CodeLocation CreatedBy)>(report.Leaked.Count);
        foreach (var goroutine in report.Leaked)
        {
            sites.Add((goroutine, await locations.StartAsync(goroutine.StartPc, cancellationToken), await locations.GoStatementAsync(goroutine.CreatorPc, cancellationToken)));
        }

        var leaked = new List<LeakedGoroutine>(sites.Count);
        var groups = new List<LeakGroup>();
        foreach (var group in sites
            .GroupBy(s => (s.Start, s.CreatedBy, s.Goroutine.WaitReason))
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key.Start.Function, StringComparer.Ordinal))
        {
            var ids = group.Select(s => s.Goroutine.Id).ToList();
            var stack = await StackAsync(ids[0], cancellationToken);
            groups.Add(new LeakGroup(group.Key.Start, group.Key.CreatedBy, group.Key.WaitReason, ids.Count, ids, stack));
            leaked.AddRange(group.Select(s => new LeakedGoroutine(s.Goroutine.Id, s.Start, s.CreatedBy, s.Goroutine.WaitReason, BlockedOn(s.Goroutine, stack))));
        }

        var data = new GoroutineLeaksData(report.Total, [.. leaked.OrderBy(g => g.Id)], groups);
        return CommandResult.Create(Render(data), data);
    }

    private static LeakBlockedOn? BlockedOn(GoroutineState goroutine, IReadOnlyList<CodeLocation> stack)
    {
        if (goroutine.BlockedOn.Count == 0)
        {
            return null;
        }

        var first = goroutine.BlockedOn[0];
        var (kind, type) = first.Kind switch
        {
            BlockingObjectKind.Channel => ("chan", first.ElementType.Length > 0 ? "chan " + first.ElementType : "chan"),
            BlockingObjectKind.Condition => ("cond", "sync.Cond"),
            _ => ("sema", SyncType(goroutine.WaitReason) ?? LockType(stack)),
        };
        return new LeakBlockedOn(kind, Hex(first.Address), type, goroutine.BlockedOn.Count);
    }

    // "sync.Mutex.Lock" -> sync.Mutex, "sync.RWMutex.RLock" -> sync.RWMutex, "sync.WaitGroup.Wait" -> sync.WaitGroup (Go 1.20+; Go 1.19 says only "semacquire").
    private static string? SyncType(string reason) =>
        reason.StartsWith("sync.", StringComparison.Ordinal) && reason.LastIndexOf('.') is var dot and > 5 ? reason[..dot] : null;

    // The sync type whose method the goroutine is in: sync.(*WaitGroup).Wait -> sync.WaitGroup (its group shares the stack).
    private static string LockType(IReadOnlyList<CodeLocation> stack) =>
        stack.Select(f => f.Function).FirstOrDefault(f => f.StartsWith("sync.(*", StringComparison.Ordinal)) is { } method && method.IndexOf(')', StringComparison.Ordinal) is var end and > 7
            ? "sync." + method[7..end]
            : "";

    private async Task<IReadOnlyList<CodeLocation>> StackAsync(long id, CancellationToken cancellationToken)
    {
        try
        {
            var frames = await delve.StacktraceAsync(id, StackDepth, null, cancellationToken);
            return frames.Select(f => new CodeLocation(f.Function?.Name ?? "?", f.File, f.Line)).ToList();
        }
        catch (DelveException e) when (e is not TargetRunningException and not ProcessExitedException and not DelveConnectionException)
        {
            return []; // a stack that cannot be unwound leaves the group without one
        }
    }

    private static string Render(GoroutineLeaksData data)
    {
        var text = new StringBuilder();
        if (data.Leaked.Count == 0)
        {
            return text.Append(CultureInfo.InvariantCulture, $"No leaked goroutines: each of the {data.Total} goroutines is running, runnable, or waits on something a live goroutine or a global can reach.").ToString();
        }

        text.Append(CultureInfo.InvariantCulture, $"{data.Leaked.Count} of {data.Total} goroutines can never run again, in {data.Groups.Count} {(data.Groups.Count == 1 ? "group" : "groups")}");
        foreach (var group in data.Groups)
        {
            var blocked = data.Leaked.First(g => g.Id == group.Goroutines[0]).BlockedOn;
            text.AppendLine().AppendLine()
                .Append(CultureInfo.InvariantCulture, $"{group.Count,5} × [{group.WaitReason}] {group.Start.Function}")
                .AppendLine().Append(CultureInfo.InvariantCulture, $"        created at {group.CreatedBy.Function} {Path.GetFileName(group.CreatedBy.File)}:{group.CreatedBy.Line}");
            if (blocked is not null)
            {
                text.AppendLine().Append(CultureInfo.InvariantCulture, $"        waits on {blocked.Kind} {blocked.Addr}{(blocked.Type.Length > 0 ? " " + blocked.Type : "")}{(blocked.Cases > 1 ? $" and {blocked.Cases - 1} more (select)" : "")}");
            }

            text.AppendLine().Append(CultureInfo.InvariantCulture, $"        goroutines {string.Join(' ', group.Goroutines.Take(ListedIds))}{(group.Count > ListedIds ? " ..." : "")}");
            if (group.Stack.Count > 0)
            {
                text.AppendLine().Append(CultureInfo.InvariantCulture, $"        goroutine {group.Goroutines[0]}:");
                foreach (var frame in group.Stack)
                {
                    text.AppendLine().Append(CultureInfo.InvariantCulture, $"          {frame.Function}  {Path.GetFileName(frame.File)}:{frame.Line}");
                }
            }
        }

        return text.ToString();
    }

    private static string Hex(ulong address) => "0x" + address.ToString("x", CultureInfo.InvariantCulture);
}
