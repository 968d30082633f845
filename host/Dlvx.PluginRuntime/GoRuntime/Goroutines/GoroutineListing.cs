using System.Buffers.Binary;
using System.Globalization;
using Dlvx.Sdk;
using Dlvx.Sdk.Delve;
using Dlvx.Sdk.Runtime;

namespace Dlvx.PluginRuntime.GoRuntime.Goroutines;

/// <summary>
/// Delve's goroutine listing without Delve unwinding every goroutine. Each record of Delve's listing
/// is a function of the goroutine's own fields (id, status, wait reason and time) and of where its
/// stack is: the locations follow from <c>g.sched</c>'s pc, sp and bp, the return addresses on the
/// stack, <c>g.startpc</c> and <c>g.gopc</c>, and the labels from <c>g.labels</c>. Goroutines that
/// agree on those share one shape: Delve lists one of them (a page of one, from its index in
/// <c>allgs</c>) and unwinds it once, and the others take its locations after their own return
/// addresses were checked against its frames. A goroutine on a thread, or one that matches no shape,
/// is listed by Delve on its own.
/// </summary>
internal sealed class GoroutineListing(StopView view) : IGoroutineListing
{
    // Delve's UserCurrent looks this many frames deep for the first frame outside the runtime
    // (maxGoroutineUserCurrentDepth, 1.20 to 1.27); checking as many return addresses covers it.
    private const int UserFrameDepth = 30;

    // Enough requests in flight to hide Delve's round trip; Delve answers them in order.
    private const int InFlight = 32;

    public async Task<IReadOnlyList<Goroutine>> ListAsync(IProgress<CommandProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var layout = await view.LayoutAsync(cancellationToken);
        var memory = await view.MemoryAsync(cancellationToken);
        var g = await layout.GetStructAsync("runtime.g", cancellationToken);
        var fields = new GFields(g, await layout.GetStructAsync(g.Field("stack").TypeName, cancellationToken), await layout.GetStructAsync(g.Field("sched").TypeName, cancellationToken));
        var dead = await layout.FindConstantAsync("runtime._Gdead", cancellationToken) ?? throw await layout.MissingAsync("constant runtime._Gdead", cancellationToken);
        var onThreads = (await view.Delve.ListThreadsAsync(cancellationToken)).Select(t => t.GoroutineId).Where(id => id > 0).ToHashSet();

        var rows = new List<Row>();
        foreach (var entry in await view.GoroutineStructsAsync(cancellationToken))
        {
            if (entry.Bytes is not { } bytes)
            {
                // Delve reads it its own way, or reports it unreadable.
                rows.Add(new Row(entry.Index, -1, default, 0, 0, default));
                continue;
            }

            var row = fields.Read(entry.Index, bytes);
            if (row.Status != (ulong)dead)
            {
                rows.Add(onThreads.Contains(row.Id) || !row.Shape.OnOwnStack ? row with { Shape = default } : row);
            }
        }

        // One representative per shape: Delve's record for it, and its frames to check the others by.
        var shapes = rows.Where(r => r.Shape.OnOwnStack).GroupBy(r => r.Shape).ToList();
        using var window = new SemaphoreSlim(InFlight);
        var representatives = await Task.WhenAll(shapes.Select(shape => RepresentAsync(shape.First(), window, cancellationToken)));
        progress?.Report(new CommandProgress(string.Create(CultureInfo.InvariantCulture, $"goroutines: {rows.Count} read from allgs, {shapes.Count} stack shapes")));

        var records = new Goroutine?[rows.Count];
        var positions = rows.Select((row, i) => (row, i)).ToDictionary(x => x.row.Index, x => x.i);
        for (var s = 0; s < shapes.Count; s++)
        {
            if (representatives[s] is not { } representative)
            {
                continue;
            }

            var (record, frames) = representative;

            var members = shapes[s].ToList();
            var (from, to) = ReturnAddresses.Span(frames);
            var stacks = await memory.ReadSparseAsync(members.Select(m => new MemoryRange((ulong)((long)m.High + from), (int)(to - from))).ToList(), cancellationToken);
            for (var m = 0; m < members.Count; m++)
            {
                var member = members[m];
                if (member.Id == record.Id || (stacks[m] is { } bytes && ReturnAddresses.Match(frames, member.High, (ulong)((long)member.High + from), bytes)))
                {
                    records[positions[member.Index]] = member.Id == record.Id ? record : member.Like(record);
                }
            }
        }

        // The rest one by one: on threads, unreadable here, or of no shape.
        var alone = rows.Where(r => records[positions[r.Index]] is null).ToList();
        if (alone.Count > 0)
        {
            progress?.Report(new CommandProgress(string.Create(CultureInfo.InvariantCulture, $"goroutines: asking Delve for {alone.Count} goroutines one by one")));
        }

        var listed = await Task.WhenAll(alone.Select(r => PageAsync(r.Index, window, cancellationToken)));
        for (var i = 0; i < alone.Count; i++)
        {
            records[positions[alone[i].Index]] = listed[i];
        }

        // A page starts at an index and returns the first goroutine Delve does not take for dead
        // there, so an entry this read could not see may repeat a later one.
        var seen = new HashSet<long>();
        return records.OfType<Goroutine>().Where(r => r.Unreadable.Length > 0 || seen.Add(r.Id)).ToList();
    }

    private async Task<(Goroutine Record, IReadOnlyList<Stackframe> Frames)?> RepresentAsync(Row row, SemaphoreSlim window, CancellationToken cancellationToken)
    {
        var record = await PageAsync(row.Index, window, cancellationToken);
        if (record is null || record.Id != row.Id || record.Unreadable.Length > 0)
        {
            return null;
        }

        await window.WaitAsync(cancellationToken);
        try
        {
            var frames = await view.Delve.StacktraceAsync(row.Id, UserFrameDepth, null, cancellationToken);
            return frames.Count > 0 ? (record, frames) : null;
        }
        catch (DelveException e) when (e is not TargetRunningException and not ProcessExitedException and not DelveConnectionException)
        {
            return null;
        }
        finally
        {
            window.Release();
        }
    }

    private async Task<Goroutine?> PageAsync(int index, SemaphoreSlim window, CancellationToken cancellationToken)
    {
        await window.WaitAsync(cancellationToken);
        try
        {
            var page = await view.Delve.ListGoroutinesAsync(new ListGoroutinesRequest { Start = index, Count = 1 }, cancellationToken);
            return page.Goroutines.Count > 0 ? page.Goroutines[0] : null;
        }
        finally
        {
            window.Release();
        }
    }

    /// <summary>What decides a goroutine's locations in Delve's listing, besides the return addresses.</summary>
    /// <param name="Pc">g.sched.pc.</param>
    /// <param name="Depth">g.stack.hi - g.sched.sp.</param>
    /// <param name="FramePointer">g.sched.bp relative to sp, or 0.</param>
    /// <param name="StartPc">g.startpc (the start location).</param>
    /// <param name="CreatorPc">g.gopc (the go statement).</param>
    /// <param name="Labels">g.labels: goroutines that share the pointer share the labels.</param>
    /// <param name="OnOwnStack">Whether sp is within the goroutine's stack (else Delve lists it alone).</param>
    private readonly record struct Shape(ulong Pc, ulong Depth, long FramePointer, ulong StartPc, ulong CreatorPc, ulong Labels, bool OnOwnStack);

    private sealed record Row(int Index, long Id, Shape Shape, ulong High, ulong Status, (long WaitSince, long WaitReason) Wait)
    {
        // A goroutine of the same shape as the representative: its locations, its own fields.
        public Goroutine Like(Goroutine representative) => new()
        {
            Id = Id,
            CurrentLoc = representative.CurrentLoc,
            UserCurrentLoc = representative.UserCurrentLoc,
            GoStatementLoc = representative.GoStatementLoc,
            StartLoc = representative.StartLoc,
            Labels = representative.Labels,
            Status = Status,
            WaitSince = Wait.WaitSince,
            WaitReason = Wait.WaitReason,
        };
    }

    private sealed class GFields(GoStructLayout g, GoStructLayout stack, GoStructLayout gobuf)
    {
        private readonly GoField status = g.Field("atomicstatus");
        private readonly GoField id = g.Field("goid");
        private readonly GoField waitSince = g.Field("waitsince");
        private readonly GoField waitReason = g.Field("waitreason");
        private readonly GoField startPc = g.Field("startpc");
        private readonly GoField creatorPc = g.Field("gopc");
        private readonly GoField? labels = g.Find("labels");
        private readonly int stackAt = (int)g.Field("stack").Offset;
        private readonly int schedAt = (int)g.Field("sched").Offset;
        private readonly GoField low = stack.Field("lo");
        private readonly GoField high = stack.Field("hi");
        private readonly GoField pc = gobuf.Field("pc");
        private readonly GoField sp = gobuf.Field("sp");
        private readonly GoField? bp = gobuf.Find("bp");

        public Row Read(int index, byte[] bytes)
        {
            // atomicstatus is a uint32, or an atomic.Uint32 whose value is its only non-empty field;
            // Delve reports it raw.
            var state = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((int)status.Offset));
            var stackBytes = bytes.AsSpan(stackAt);
            var sched = bytes.AsSpan(schedAt);
            var (lo, hi, stackPointer) = (low.Read(stackBytes), high.Read(stackBytes), sp.Read(sched));
            var framePointer = bp?.Read(sched) ?? 0;
            var shape = new Shape(
                pc.Read(sched), hi - stackPointer, framePointer == 0 ? 0 : (long)(framePointer - stackPointer),
                startPc.Read(bytes), creatorPc.Read(bytes), labels?.Read(bytes) ?? 0,
                stackPointer >= lo && stackPointer < hi && hi > lo);
            return new Row(index, (long)id.Read(bytes), shape, hi, state, (waitSince.ReadSigned(bytes), (long)waitReason.Read(bytes)));
        }
    }
}
