using System.Buffers.Binary;
using Dlvx.Sdk.Runtime;

namespace Dlvx.PluginRuntime.GoRuntime.Goroutines;

/// <summary>
/// Reads the goroutines from <c>runtime.allgs</c> and what each blocked one waits on, from the
/// runtime's own queues: a goroutine blocked on channels lists one sudog per channel on
/// <c>g.waiting</c> (every case of a select), and the direction is which of the channel's queues holds
/// the sudog; one blocked on a semaphore has a sudog in <c>runtime.semtable</c>'s treaps, keyed by
/// the semaphore's address. Nothing is read from stacks, so optimised runtime frames do not matter.
/// </summary>
internal sealed class GoroutineModel(StopView view) : IGoroutines
{
    public async Task<GoroutineLeakReport> FindLeaksAsync(IProgress<Dlvx.Sdk.CommandProgress>? progress = null, CancellationToken cancellationToken = default) =>
        await new LeakFinder(view).FindAsync(await ListAsync(cancellationToken), progress, cancellationToken);

    private const int MaxChain = 1 << 20;
    private const string CondWait = "sync.Cond.Wait";

    private static readonly Dlvx.Sdk.Delve.LoadConfig PointerTargets = new() { FollowPointers = true, MaxVariableRecurse = 0, MaxStringLen = 0, MaxArrayValues = 0, MaxStructFields = 0 };

    public async Task<IReadOnlyList<GoroutineState>> ListAsync(CancellationToken cancellationToken = default)
    {
        var layout = await view.LayoutAsync(cancellationToken);
        var memory = await view.MemoryAsync(cancellationToken);
        var g = await layout.GetStructAsync("runtime.g", cancellationToken);
        var sudog = await SudogLayout.ReadAsync(layout, cancellationToken);
        var statuses = await RuntimeStatusNames.ReadAsync(layout, cancellationToken);
        var reasons = await WaitReasonTable.ReadAsync(layout, memory, cancellationToken);
        var dead = statuses.FirstOrDefault(s => s.Value == "dead").Key;
        var scanBit = await layout.FindConstantAsync("runtime._Gscan", cancellationToken) ?? 0x1000;

        var status = g.Field("atomicstatus");
        var rows = new List<(ulong Address, long Id, long Status, byte[] Bytes)>();
        foreach (var entry in await view.GoroutineStructsAsync(cancellationToken))
        {
            if (entry.Bytes is not { } bytes)
            {
                continue;
            }

            // atomicstatus is a uint32, or an atomic.Uint32 whose only non-empty field is the value.
            var state = (long)(BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((int)status.Offset)) & ~(ulong)scanBit);
            if (state != dead)
            {
                rows.Add((entry.Address, (long)g.Field("goid").Read(bytes), state, bytes));
            }
        }

        // Each blocked goroutine's first sudog, in one batch: a hundred thousand may wait.
        var waitingField = g.Field("waiting");
        var firstSudogs = rows.Select(r => waitingField.Read(r.Bytes)).Where(s => s != 0).Distinct().ToList();
        var sudogBytes = await memory.ReadManyAsync(firstSudogs.Select(s => new MemoryRange(s, (int)sudog.Struct.Size)).ToList(), cancellationToken);
        var firstSudog = new Dictionary<ulong, byte[]?>(firstSudogs.Count);
        for (var i = 0; i < firstSudogs.Count; i++)
        {
            firstSudog[firstSudogs[i]] = sudogBytes[i];
        }

        var semaphores = await SemaphoreWaiters.ReadAsync(layout, memory, sudog, cancellationToken);
        var queues = new ChannelQueues(layout, memory, sudog, await view.TypesAsync(cancellationToken));
        var result = new List<GoroutineState>(rows.Count);
        foreach (var (address, id, state, bytes) in rows)
        {
            var name = statuses.TryGetValue(state, out var known) ? known : $"status {state}";
            var reason = name == "waiting" || name == "leaked" ? reasons.Name((int)g.Field("waitreason").Read(bytes)) : "";
            var blocked = new List<BlockingObject>();
            var waiting = waitingField.Read(bytes);
            var seen = new HashSet<ulong>();
            for (var s = waiting; s != 0 && seen.Add(s) && seen.Count < MaxChain;)
            {
                var record = firstSudog.GetValueOrDefault(s) ?? await memory.ReadAsync(s, (int)sudog.Struct.Size, cancellationToken);
                var channel = BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan((int)sudog.Channel));
                var inSelect = record[(int)sudog.IsSelect] != 0;
                if (channel == 0 && reason == CondWait && BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan((int)sudog.Elem)) is var list and not 0)
                {
                    // Go 1.26 puts a Cond waiter's sudog on g.waiting, elem pointing at the notify list.
                    blocked.Add(new BlockingObject(BlockingObjectKind.Condition, list, "wait", false));
                }
                else if (channel != 0)
                {
                    var operation = inSelect ? await queues.DirectionAsync(channel, s, cancellationToken)
                        : reason.Contains("send", StringComparison.Ordinal) ? "send"
                        : reason.Contains("receive", StringComparison.Ordinal) ? "recv"
                        : await queues.DirectionAsync(channel, s, cancellationToken);
                    blocked.Add(new BlockingObject(BlockingObjectKind.Channel, channel, operation, inSelect, await queues.ElementTypeAsync(channel, cancellationToken)));
                }

                s = BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan((int)sudog.WaitLink));
            }

            if (semaphores.TryGetValue(address, out var semaphore))
            {
                blocked.Add(new BlockingObject(BlockingObjectKind.Semaphore, semaphore, "acquire", false));
            }

            if (reason == CondWait && blocked.Count == 0 && await NotifyListAsync(id, cancellationToken) is { } notifyList and not 0)
            {
                blocked.Add(new BlockingObject(BlockingObjectKind.Condition, notifyList, "wait", false));
            }

            result.Add(new GoroutineState(id, address, name, reason, g.Field("startpc").Read(bytes), g.Field("gopc").Read(bytes), blocked));
        }

        return result;
    }

    // Before Go 1.26 a Cond waiter's sudog is only on the notify list, which nothing indexes: the
    // list is the argument of the runtime's notifyListWait frame, read with Delve (few goroutines wait on a Cond).
    private async Task<ulong?> NotifyListAsync(long goroutine, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var frame in await view.Delve.StacktraceAsync(goroutine, 8, PointerTargets, cancellationToken))
            {
                if (frame.Function?.Name.EndsWith("notifyListWait", StringComparison.Ordinal) == true
                    && frame.Arguments?.FirstOrDefault(a => a.Name == "l") is { Children.Count: > 0 } list)
                {
                    return list.Children[0].Addr;
                }
            }
        }
        catch (Dlvx.Sdk.Delve.DelveException e) when (e is not Dlvx.Sdk.Delve.TargetRunningException and not Dlvx.Sdk.Delve.ProcessExitedException and not Dlvx.Sdk.Delve.DelveConnectionException)
        {
            // A goroutine that cannot be unwound keeps its wait unexplained.
        }

        return null;
    }
}
