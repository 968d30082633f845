using Dlvx.Sdk.Runtime;

namespace Dlvx.Plugins.RuntimeViews.Scheduler;

/// <summary>
/// Reads the scheduler's state from a stopped target (or a core) the way the runtime's own
/// <c>schedtrace</c> does (src/runtime/proc.go): <c>runtime.sched</c>, <c>allp</c>, <c>allm</c>,
/// <c>gomaxprocs</c>, and the goroutines from <c>allgs</c> through the runtime model. Fields that
/// moved or changed type between releases are found by what the target's layout has.
/// </summary>
public sealed class SchedulerReader(IGoValues values, IRuntimeLayout layout, IGoroutines goroutines)
{
    // A corrupt allm list (in a core dump, say) must not loop forever.
    private const int MaxMachines = 100_000;

    private static readonly string[] ProcessorStatuses = ["idle", "running", "syscall", "gcstop", "dead", "syscall_unused"];
    private static readonly string[] GcPhases = ["off", "mark", "marktermination"];

    /// <summary>Reads the statistics.</summary>
    /// <exception cref="RuntimeLayoutException">The runtime lacks a field or variable this needs; the message names it and the Go release.</exception>
    public async Task<SchedStatsData> ReadAsync(CancellationToken cancellationToken)
    {
        var sched = await values.EvalAsync("runtime.sched", cancellationToken: cancellationToken);
        var gomaxprocs = RuntimeNumbers.Int32(await values.EvalAsync("runtime.gomaxprocs", cancellationToken: cancellationToken));
        var statusNames = await RuntimeConstants.NamesAsync(layout, "runtime._P", ProcessorStatuses, cancellationToken);

        var processorAddresses = (await (await values.EvalAsync("runtime.allp", cancellationToken: cancellationToken)).ReadElementsAsync(cancellationToken: cancellationToken))
            .Select(p => p.Pointer).ToList();
        var processors = await values.ReadManyAsync("runtime.p", processorAddresses, cancellationToken);
        var processorIds = new Dictionary<ulong, int>();
        for (var i = 0; i < processors.Count; i++)
        {
            processorIds[processorAddresses[i]] = RuntimeNumbers.Int32(processors[i]["id"]);
        }

        var machines = await ReadMachinesAsync(processorIds, cancellationToken);
        var machineIds = machines.ToDictionary(m => m.Address, m => m.Stats.Id);
        var processorStats = processors.Select(p => Processor(p, statusNames, machineIds)).ToList();

        var globalRunQueue = RuntimeNumbers.Has(sched, "runqsize")
            ? RuntimeNumbers.Int32(sched["runqsize"])
            : RuntimeNumbers.Has(sched["runq"], "size") ? RuntimeNumbers.Int32(sched["runq"]["size"]) : throw await layout.MissingAsync("runtime.schedt.runqsize or runtime.gQueue.size", cancellationToken);
        var threads = checked((int)(RuntimeNumbers.Signed(sched["mnext"]) - RuntimeNumbers.Signed(sched["nmfreed"])));
        var idleProcs = RuntimeNumbers.Int32(sched["npidle"]);
        var spinning = RuntimeNumbers.Int32(sched["nmspinning"]);
        bool? needSpinning = RuntimeNumbers.Has(sched, "needspinning") ? RuntimeNumbers.Flag(sched["needspinning"]) : null;
        var idleThreads = RuntimeNumbers.Int32(sched["nmidle"]);

        var counts = await CountGoroutinesAsync(sched, processors, cancellationToken);
        var gc = await ReadGcAsync(cancellationToken);
        var gcWaiting = RuntimeNumbers.Flag(sched["gcwaiting"]);
        var stopWait = RuntimeNumbers.Int32(sched["stopwait"]);
        var world = new WorldState(gcWaiting && stopWait <= 0, gcWaiting && stopWait > 0, gcWaiting ? Math.Max(stopWait, 0) : 0);

        var trace = $"gomaxprocs={gomaxprocs} idleprocs={idleProcs} threads={threads} spinningthreads={spinning}"
            + (needSpinning is { } need ? $" needspinning={(need ? 1 : 0)}" : "")
            + $" idlethreads={idleThreads} runqueue={globalRunQueue} [{string.Join(' ', processorStats.Select(p => p.RunQueue))}]";
        return new SchedStatsData(
            trace,
            gomaxprocs,
            await ReadCpuCountAsync(cancellationToken),
            idleProcs,
            threads,
            spinning,
            needSpinning,
            idleThreads,
            globalRunQueue,
            processorStats,
            machines.Select(m => m.Stats).ToList(),
            counts,
            gc,
            world);
    }

    private static ProcessorStats Processor(GoValue p, IReadOnlyDictionary<long, string> statusNames, Dictionary<ulong, long> machineIds)
    {
        // Unsigned difference, as schedtrace prints it: the queue indexes wrap around.
        var queued = (uint)RuntimeNumbers.Unsigned(p["runqtail"]) - (uint)RuntimeNumbers.Unsigned(p["runqhead"]);
        var machine = RuntimeNumbers.Unsigned(p["m"]);
        return new ProcessorStats(
            RuntimeNumbers.Int32(p["id"]),
            statusNames.NameOf(RuntimeNumbers.Signed(p["status"])),
            checked((int)queued),
            RuntimeNumbers.Unsigned(p["runnext"]) != 0,
            machine == 0 ? null : machineIds.TryGetValue(machine, out var id) ? id : null,
            RuntimeNumbers.Unsigned(p["schedtick"]),
            RuntimeNumbers.Unsigned(p["syscalltick"]),
            FreeListLength(p["gFree"]),
            TimerCount(p));
    }

    // Go 1.19-1.25: struct { gList; n int32 }; Go 1.26: a gList that counts itself (size).
    private static int FreeListLength(GoValue free) =>
        RuntimeNumbers.Has(free, "n") ? RuntimeNumbers.Int32(free["n"])
        : RuntimeNumbers.Has(free, "size") ? RuntimeNumbers.Int32(free["size"])
        : throw new RuntimeLayoutException($"{free.Type.Name} has neither n nor size: cannot count free goroutines");

    // Up to Go 1.22 a P's timers are a slice; from 1.23 a struct holding the heap slice.
    private static int? TimerCount(GoValue p)
    {
        if (!RuntimeNumbers.Has(p, "timers"))
        {
            return null;
        }

        var timers = p["timers"];
        return timers.Type.Kind == Sdk.Delve.GoKind.Slice ? checked((int)timers.Length)
            : RuntimeNumbers.Has(timers, "heap") && timers["heap"].Type.Kind == Sdk.Delve.GoKind.Slice ? checked((int)timers["heap"].Length)
            : null;
    }

    private async Task<List<(ulong Address, MachineStats Stats)>> ReadMachinesAsync(Dictionary<ulong, int> processorIds, CancellationToken cancellationToken)
    {
        var machines = new List<(ulong, MachineStats)>();
        var next = (await values.EvalAsync("runtime.allm", cancellationToken: cancellationToken)).Pointer;
        while (next != 0 && machines.Count < MaxMachines)
        {
            var m = await values.ReadAsync("runtime.m", next, cancellationToken);
            var p = RuntimeNumbers.Unsigned(m["p"]);
            machines.Add((next, new MachineStats(
                RuntimeNumbers.Signed(m["id"]),
                RuntimeNumbers.Signed(m["procid"]),
                p == 0 ? null : processorIds.TryGetValue(p, out var id) ? id : null,
                await GoroutineIdAsync(RuntimeNumbers.Unsigned(m["curg"]), cancellationToken),
                RuntimeNumbers.Flag(m["spinning"]),
                RuntimeNumbers.Flag(m["blocked"]),
                await GoroutineIdAsync(RuntimeNumbers.Unsigned(m["lockedg"]), cancellationToken))));
            next = m["alllink"].Pointer;
        }

        return machines;
    }

    private async Task<long?> GoroutineIdAsync(ulong g, CancellationToken cancellationToken) =>
        g == 0 ? null : RuntimeNumbers.Signed((await values.ReadAsync("runtime.g", g, cancellationToken))["goid"]);

    // runtime.gcount: allglen minus the free lists (global and per P) and, for NumGoroutine, the system goroutines.
    private async Task<GoroutineCounts> CountGoroutinesAsync(GoValue sched, IReadOnlyList<GoValue> processors, CancellationToken cancellationToken)
    {
        var all = RuntimeNumbers.Signed(await values.EvalAsync("runtime.allglen", cancellationToken: cancellationToken));
        var free = sched["gFree"];
        long freeCount = RuntimeNumbers.Has(free, "n") ? RuntimeNumbers.Signed(free["n"])
            : RuntimeNumbers.Has(free, "stack") && RuntimeNumbers.Has(free["stack"], "size") ? RuntimeNumbers.Signed(free["stack"]["size"]) + RuntimeNumbers.Signed(free["noStack"]["size"])
            : throw await layout.MissingAsync("runtime.schedt.gFree.n or gFree.stack.size", cancellationToken);
        freeCount += processors.Sum(p => (long)FreeListLength(p["gFree"]));
        var system = RuntimeNumbers.Int32(sched["ngsys"]);
        var numGoroutine = (int)Math.Max(1, all - freeCount - system);

        var listed = await goroutines.ListAsync(cancellationToken);
        var byStatus = listed.GroupBy(g => g.Status).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var byReason = listed.Where(g => g.WaitReason.Length > 0).GroupBy(g => g.WaitReason).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new GoroutineCounts(numGoroutine, listed.Count, system, byStatus, byReason);
    }

    private async Task<GcState> ReadGcAsync(CancellationToken cancellationToken)
    {
        var memstats = await values.EvalAsync("runtime.memstats", cancellationToken: cancellationToken);
        var phaseNames = await RuntimeConstants.NamesAsync(layout, "runtime._GC", GcPhases, cancellationToken);
        var phase = phaseNames.NameOf(RuntimeNumbers.Signed(await values.EvalAsync("runtime.gcphase", cancellationToken: cancellationToken)));
        int? percent = null;
        var controller = await values.EvalAsync("runtime.gcController", cancellationToken: cancellationToken);
        if (RuntimeNumbers.Has(controller, "gcPercent"))
        {
            percent = RuntimeNumbers.Int32(controller["gcPercent"]);
        }

        return new GcState((uint)RuntimeNumbers.Unsigned(memstats["numgc"]), (uint)RuntimeNumbers.Unsigned(memstats["numforcedgc"]), phase, percent);
    }

    // runtime.ncpu, renamed runtime.numCPUStartup in Go 1.26.
    private async Task<int?> ReadCpuCountAsync(CancellationToken cancellationToken)
    {
        foreach (var name in new[] { "runtime.ncpu", "runtime.numCPUStartup" })
        {
            if (await layout.FindGlobalAsync(name, cancellationToken) is { } global)
            {
                return RuntimeNumbers.Int32(await values.ReadAsync(global.TypeName, global.Address, cancellationToken));
            }
        }

        return null;
    }
}
