using System.Globalization;
using Dlvx.Sdk;
using Dlvx.Sdk.Delve;
using Dlvx.Sdk.Runtime;

namespace Dlvx.Plugins.GoroutineGraph;

/// <summary>
/// Reads every goroutine: where each is from Delve's listing (<see cref="IGoroutineListing"/>, which
/// unwinds one goroutine per stack shape rather than every one), and what each blocked one waits on
/// from the runtime's own wait queues (<see cref="IGoroutines"/>), so every channel and semaphore
/// identity is exact. For goroutines waiting on a semaphore whose wait reason does not name the lock
/// (before Go 1.20; up to a limit) one short stack is read too, to name it.
/// </summary>
public sealed class GoroutineReader(IDelveClient delve, IGoroutines runtimeGoroutines, IGoroutineListing listing)
{
    // Enough requests in flight to hide Delve's round trip; Delve answers them in order.
    private const int InFlight = 32;

    private readonly Dictionary<ulong, string> names = [];

    /// <summary>Most blocked goroutines whose stack is read.</summary>
    public int MaxExamined { get; init; } = 500;

    public async Task<GoroutineSet> ReadAsync(IProgress<CommandProgress> progress, CancellationToken cancellationToken)
    {
        // Independent reads, each mostly dlvx's own work: side by side they take the longer one's time.
        var reading = Task.Run(() => runtimeGoroutines.ListAsync(cancellationToken), cancellationToken);
        var listed = listing.ListAsync(progress, cancellationToken);
        await Task.WhenAll(reading, listed); // both observed, should either fail
        var goroutines = await listed;
        var states = (await reading).ToDictionary(g => g.Id);
        progress.Report(new CommandProgress($"goroutine-graph: {goroutines.Count} goroutines listed"));
        var records = new List<GoroutineRecord>(goroutines.Count);
        var locations = new CodeLocationCache();
        foreach (var g in goroutines)
        {
            states.TryGetValue(g.Id, out var state);
            var status = state?.Status ?? "unknown";
            var reason = state?.WaitReason ?? "";
            records.Add(new GoroutineRecord(
                g.Id, status, reason, g.WaitSince,
                locations.Get(g.GoStatementLoc), locations.Get(g.StartLoc), locations.Get(g.UserCurrentLoc),
                g.Labels, state is null ? [] : Blocking(state, reason)) { Current = locations.Get(g.CurrentLoc) });
        }

        // What each goroutine waits on is known without its stack. A stack is read only to name the
        // lock a semaphore belongs to where the wait reason does not (before Go 1.20).
        var eligible = records.Where(r => r.BlockedOn.Any(b => b.Kind == "sema" && b.Type.Length == 0)).ToList();

        // Cover every distinct location first (up to 50 goroutines each), then fill up to the
        // limit: goroutines parked at the same place usually wait on the same kind of object.
        var byPlace = eligible.GroupBy(r => (r.Current.File, r.Current.Line, r.UserCurrent.File, r.UserCurrent.Line)).ToList();
        var first = byPlace.SelectMany(g => g.Take(50)).Take(MaxExamined).ToList();
        var chosen = first.Select(r => r.Id).ToHashSet();
        var examined = first.Concat(eligible.Where(r => !chosen.Contains(r.Id)).Take(MaxExamined - first.Count)).ToList();
        var stacks = new Dictionary<long, IReadOnlyList<CodeLocation>>();
        using var window = new SemaphoreSlim(InFlight);
        var done = 0;
        await Task.WhenAll(examined.Select(async record =>
        {
            await window.WaitAsync(cancellationToken);
            try
            {
                var frames = await delve.StacktraceAsync(record.Id, 12, null, cancellationToken);
                lock (stacks)
                {
                    stacks[record.Id] = frames.Select(f => new CodeLocation(f.Function?.Name ?? "?", f.File, f.Line)).ToList();
                    if (++done % 500 == 0)
                    {
                        progress.Report(new CommandProgress($"goroutine-graph: read {done} of {examined.Count} blocked goroutines' stacks", (double)done / examined.Count));
                    }
                }
            }
            catch (DelveException)
            {
                // A goroutine that ended or cannot be unwound keeps its objects, without a stack.
            }
            finally
            {
                window.Release();
            }
        }));

        // A semaphore's lock kind: the wait reason names it from Go 1.20; before, the stack does.
        var result = records.Select(r => stacks.TryGetValue(r.Id, out var stack)
            ? r with { BlockedOn = r.BlockedOn.Select(b => b.Kind == "sema" && b.Type.Length == 0 ? b with { Type = LockType(stack) } : b).ToList() }
            : r).ToList();
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

    // One string per object, however many goroutines wait on it.
    private string Name(ulong address)
    {
        if (!names.TryGetValue(address, out var name))
        {
            names[address] = name = Hex(address);
        }

        return name;
    }

    private static string Hex(ulong address) => "0x" + address.ToString("x", CultureInfo.InvariantCulture);

    private List<BlockedOn> Blocking(GoroutineState state, string reason) =>
        state.BlockedOn.Select(b => b.Kind == BlockingObjectKind.Channel
            ? new BlockedOn("chan", Name(b.Address), b.InSelect ? "select" : b.Operation, b.ElementType.Length > 0 ? "chan " + b.ElementType : "") { Direction = b.Operation }
            : new BlockedOn("sema", Name(b.Address), "acquire", LockFromReason(reason))).ToList();

    // "sync.Mutex.Lock" -> sync.Mutex; "sync.WaitGroup.Wait" -> sync.WaitGroup (Go 1.20+; 1.19 says only "semacquire").
    private static string LockFromReason(string reason) =>
        reason.StartsWith("sync.", StringComparison.Ordinal) && reason.LastIndexOf('.') is var dot and > 5 ? reason[..dot] : "";

    private static string LockType(IReadOnlyList<CodeLocation> frames)
    {
        foreach (var frame in frames)
        {
            // sync.(*Mutex).lockSlow -> sync.Mutex (internal/sync's frames, Go 1.24+, sit below sync's).
            if (frame.Function.StartsWith("sync.(*", StringComparison.Ordinal))
            {
                var end = frame.Function.IndexOf(')', StringComparison.Ordinal);
                return "sync." + frame.Function[7..end];
            }
        }

        return "";
    }
}
