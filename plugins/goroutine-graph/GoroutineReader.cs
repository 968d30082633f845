using System.Globalization;
using Dlvx.Sdk;
using Dlvx.Sdk.Delve;

namespace Dlvx.Plugins.GoroutineGraph;

/// <summary>
/// Reads every goroutine in one ListGoroutines call, then, for blocked goroutines only (up to a
/// limit), one short stack with arguments to find the channel or semaphore each waits on.
/// </summary>
public sealed class GoroutineReader(IDelveClient delve)
{
    // Enough requests in flight to hide Delve's round trip; Delve answers them in order.
    private const int InFlight = 32;

    private static readonly LoadConfig Shallow = new() { FollowPointers = true, MaxVariableRecurse = 0, MaxStringLen = 0, MaxArrayValues = 0, MaxStructFields = 0 };

    /// <summary>Most blocked goroutines whose blocking object is read.</summary>
    public int MaxExamined { get; init; } = 500;

    public async Task<GoroutineSet> ReadAsync(IProgress<CommandProgress> progress, CancellationToken cancellationToken)
    {
        var reasons = await ReadWaitReasonsAsync(cancellationToken);
        // One call for all: Delve caches the goroutines it parsed at this stop only for a full
        // listing, and parses them again from target memory for every page of a paged one.
        var page = await delve.ListGoroutinesAsync(new ListGoroutinesRequest(), cancellationToken);
        progress.Report(new CommandProgress($"goroutine-graph: {page.Goroutines.Count} goroutines listed"));
        var records = new List<GoroutineRecord>(page.Goroutines.Count);
        var locations = new CodeLocationCache();
        foreach (var g in page.Goroutines)
        {
            var status = GoroutineStatus.Name(g.Status);
            var reason = status == "waiting" && g.WaitReason >= 0 && g.WaitReason < reasons.Count ? reasons[(int)g.WaitReason] : "";
            records.Add(new GoroutineRecord(
                g.Id, status, reason, g.WaitSince,
                locations.Get(g.GoStatementLoc), locations.Get(g.StartLoc), locations.Get(g.UserCurrentLoc),
                g.Labels, []) { Current = locations.Get(g.CurrentLoc) });
        }

        var eligible = records.Where(r => WaitReasons.WaitsOnObject(r.WaitReason)).ToList();
        globalChannels = eligible.Count == 0 ? new Dictionary<ulong, string>() : await ReadGlobalChannelsAsync(cancellationToken);
        // Cover every distinct location first (up to 50 goroutines each), then fill up to the
        // limit: goroutines parked at the same place usually wait on the same kind of object.
        var byPlace = eligible.GroupBy(r => (r.Current.File, r.Current.Line, r.UserCurrent.File, r.UserCurrent.Line)).ToList();
        var first = byPlace.SelectMany(g => g.Take(50)).Take(MaxExamined).ToList();
        var chosen = first.Select(r => r.Id).ToHashSet();
        var examined = first.Concat(eligible.Where(r => !chosen.Contains(r.Id)).Take(MaxExamined - first.Count)).ToList();
        var stacks = new Dictionary<long, IReadOnlyList<CodeLocation>>();
        var blocked = new Dictionary<long, IReadOnlyList<BlockedOn>>();
        using var window = new SemaphoreSlim(InFlight);
        var done = 0;
        var tasks = examined.Select(async record =>
        {
            await window.WaitAsync(cancellationToken);
            try
            {
                var frames = await delve.StacktraceAsync(record.Id, 12, Shallow, cancellationToken);
                var objects = await FindBlockingObjectsAsync(frames, cancellationToken);
                lock (stacks)
                {
                    stacks[record.Id] = frames.Select(f => new CodeLocation(f.Function?.Name ?? "?", f.File, f.Line)).ToList();
                    blocked[record.Id] = objects;
                    if (++done % 500 == 0)
                    {
                        progress.Report(new CommandProgress($"goroutine-graph: examined {done} of {examined.Count} blocked goroutines", (double)done / examined.Count));
                    }
                }
            }
            catch (DelveException)
            {
                // A goroutine that ended or cannot be unwound is simply not linked to an object.
            }
            finally
            {
                window.Release();
            }
        }).ToList();
        await Task.WhenAll(tasks);

        var result = records.Select(r => blocked.TryGetValue(r.Id, out var objects) ? r with { BlockedOn = objects } : r).ToList();
        return new GoroutineSet(result, stacks, examined.Count, eligible.Count);
    }

    /// <summary>Reads one representative stack (no variables) for a goroutine not examined above.</summary>
    public async Task<IReadOnlyList<CodeLocation>> ReadStackAsync(long id, CancellationToken cancellationToken)
    {
        try
        {
            var frames = await delve.StacktraceAsync(id, 12, null, cancellationToken);
            return frames.Select(f => new CodeLocation(f.Function?.Name ?? "?", f.File, f.Line)).ToList();
        }
        catch (DelveException)
        {
            return [];
        }
    }

    // Channel types of package variables, by channel address: a goroutine often blocks on a global channel.
    private IReadOnlyDictionary<ulong, string> globalChannels = new Dictionary<ulong, string>();

    private async Task<IReadOnlyDictionary<ulong, string>> ReadGlobalChannelsAsync(CancellationToken cancellationToken)
    {
        var channels = new Dictionary<ulong, string>();
        foreach (var variable in await delve.ListPackageVarsAsync("", Shallow, cancellationToken))
        {
            if (variable.Kind == GoKind.Chan && variable.Base != 0)
            {
                channels.TryAdd(variable.Base, variable.Type);
            }
        }

        return channels;
    }

    private static string Hex(ulong address) => "0x" + address.ToString("x", CultureInfo.InvariantCulture);

    private static ulong Pointee(Variable? pointer) => pointer is { Children.Count: > 0 } ? pointer.Children[0].Addr : 0;

    private static Variable? Argument(Stackframe frame, string name) =>
        frame.Arguments?.FirstOrDefault(a => a.Name == name) ?? frame.Locals?.FirstOrDefault(a => a.Name == name);

    /// <summary>The element type of the channel at <paramref name="address"/>, from a user variable holding it.</summary>
    private string ChannelType(IReadOnlyList<Stackframe> frames, ulong address)
    {
        foreach (var frame in frames)
        {
            foreach (var variable in (frame.Arguments ?? []).Concat(frame.Locals ?? []))
            {
                if (variable.Kind == GoKind.Chan && variable.Base == address)
                {
                    return variable.Type;
                }
            }
        }

        return globalChannels.TryGetValue(address, out var type) ? type : "";
    }

    private static string LockType(IReadOnlyList<Stackframe> frames)
    {
        foreach (var frame in frames)
        {
            var name = frame.Function?.Name ?? "";
            if (name.StartsWith("sync.(*", StringComparison.Ordinal))
            {
                // sync.(*Mutex).lockSlow -> sync.Mutex
                var end = name.IndexOf(')', StringComparison.Ordinal);
                return "sync." + name[7..end];
            }
        }

        return "";
    }

    private async Task<IReadOnlyList<string>> ReadWaitReasonsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var table = await delve.EvalAsync("runtime.waitReasonStrings", config: new LoadConfig { MaxArrayValues = 256, MaxStringLen = 128, MaxVariableRecurse = 1 }, cancellationToken: cancellationToken);
            return table.Children.Select(c => c.Value).ToList();
        }
        catch (SymbolNotFoundException e)
        {
            var version = (await delve.GetVersionAsync(cancellationToken)).TargetGoVersion;
            throw new CommandException($"cannot read runtime.waitReasonStrings from the target ({version}): {e.Message}");
        }
    }

    private async Task<IReadOnlyList<BlockedOn>> FindBlockingObjectsAsync(IReadOnlyList<Stackframe> frames, CancellationToken cancellationToken)
    {
        foreach (var frame in frames)
        {
            switch (frame.Function?.Name)
            {
                case "runtime.chansend" or "runtime.chanrecv":
                    var channel = Pointee(Argument(frame, "c"));
                    if (channel != 0)
                    {
                        var op = frame.Function!.Name == "runtime.chansend" ? "send" : "recv";
                        return [new BlockedOn("chan", Hex(channel), op, ChannelType(frames, channel))];
                    }

                    break;

                case "runtime.selectgo":
                    return await ReadSelectCasesAsync(frames, frame, cancellationToken);

                case "runtime.semacquire1" or "sync.runtime_SemacquireMutex" or "sync.runtime_Semacquire" or "sync.runtime_SemacquireRWMutex" or "sync.runtime_SemacquireRWMutexR":
                    var sema = Pointee(Argument(frame, "addr"));
                    if (sema != 0)
                    {
                        return [new BlockedOn("sema", Hex(sema), "acquire", LockType(frames))];
                    }

                    break;
            }
        }

        return [];
    }

    private async Task<IReadOnlyList<BlockedOn>> ReadSelectCasesAsync(IReadOnlyList<Stackframe> frames, Stackframe selectFrame, CancellationToken cancellationToken)
    {
        var cases = Pointee(Argument(selectFrame, "cas0"));
        if (!int.TryParse(Argument(selectFrame, "nsends")?.Value, out var sends) || cases == 0)
        {
            return [];
        }

        // nrecvs is often optimised into a register by the time selectgo parks; the local slice
        // scases (cas0[:ncases]) and ncases still say how many cases there are.
        var count = int.TryParse(Argument(selectFrame, "nrecvs")?.Value, out var receives) ? sends + receives
            : int.TryParse(Argument(selectFrame, "ncases")?.Value, out var cases1) ? cases1
            : Argument(selectFrame, "scases") is { Len: > 0 } slice ? (int)slice.Len
            : Argument(selectFrame, "lockorder") is { Len: > 0 } order ? (int)order.Len
            : 0;
        if (count is <= 0 or > 1024)
        {
            return [];
        }

        var array = await delve.EvalAsync(
            $"*(*[{count}]runtime.scase)({Hex(cases)})",
            config: new LoadConfig { FollowPointers = true, MaxVariableRecurse = 1, MaxArrayValues = count, MaxStructFields = -1, MaxStringLen = 0 },
            cancellationToken: cancellationToken);
        var result = new List<BlockedOn>();
        for (var i = 0; i < array.Children.Count; i++)
        {
            var channel = Pointee(array.Children[i].Child("c"));
            if (channel != 0)
            {
                result.Add(new BlockedOn("chan", Hex(channel), "select", ChannelType(frames, channel)) { Direction = i < sends ? "send" : "recv" });
            }
        }

        return result;
    }
}
