using Dlvx.Sdk;
using Dlvx.Sdk.Delve;

namespace Dlvx.Plugins.HeapStats;

/// <summary>
/// Derives <see cref="MemStats"/> from a stopped Go 1.19 target exactly as the runtime's
/// <c>readmemstats_m</c> does (src/runtime/mstats.go), reading runtime variables by name.
/// </summary>
/// <remarks>
/// All first-level requests are sent at once (Delve answers them in order on one connection), so
/// the summary costs one round trip for the runtime globals (each P's mcache among them) plus one
/// pipelined batch of raw reads of the spans the mcaches hold.
/// </remarks>
public sealed class MemStatsReader(IDelveClient delve)
{
    // Deep enough for heapStats.stats[i].smallAllocCount[j]; arrays long enough for every size
    // class. Pointers are not followed: nothing needed lies behind one. Only the ring is read this
    // deep: all of memstats so (GC pause rings and all) is 3.5 times the bytes for Delve to encode.
    private static readonly LoadConfig Deep = new() { FollowPointers = false, MaxVariableRecurse = 6, MaxStringLen = 0, MaxArrayValues = 128, MaxStructFields = -1 };
    private static readonly LoadConfig Scalars = new() { FollowPointers = false, MaxVariableRecurse = 2, MaxStringLen = 0, MaxArrayValues = 0, MaxStructFields = -1 };

    /// <summary>Reads the statistics.</summary>
    /// <exception cref="CommandException">The target's runtime is not laid out as Go 1.19's; the message names the field and the Go version.</exception>
    public async Task<MemStats> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await ReadCoreAsync(cancellationToken);
        }
        catch (MissingRuntimeFieldException e)
        {
            var version = await delve.GetVersionAsync(cancellationToken);
            var goVersion = version.TargetGoVersion.Length > 0 ? version.TargetGoVersion : "an unknown Go version";
            throw new CommandException($"{e.Message} (target built with {goVersion}); heap-stats derives MemStats as Go 1.19's runtime does and prints nothing rather than a guess", e);
        }
    }

    private async Task<MemStats> ReadCoreAsync(CancellationToken cancellationToken)
    {
        var memstatsRequest = EvalAsync("runtime.memstats", Scalars, cancellationToken);
        var ringRequest = EvalAsync("runtime.memstats.heapStats.stats", Deep, cancellationToken);
        var controllerRequest = EvalAsync("runtime.gcController", Scalars, cancellationToken);
        var spanAllocRequest = EvalAsync("runtime.mheap_.spanalloc", Scalars, cancellationToken);
        var cacheAllocRequest = EvalAsync("runtime.mheap_.cachealloc", Scalars, cancellationToken);
        var classToSizeRequest = EvalAsync("runtime.class_to_size", Deep, cancellationToken);
        var mcacheReader = new MCacheReader(delve);
        var layouts = mcacheReader.StartLayouts((expression, config) => EvalAsync(expression, config, cancellationToken));

        var memstats = new RuntimeVariable(await memstatsRequest, "runtime.memstats");
        var controller = new RuntimeVariable(await controllerRequest, "runtime.gcController");
        var spanAlloc = new RuntimeVariable(await spanAllocRequest, "runtime.mheap_.spanalloc");
        var cacheAlloc = new RuntimeVariable(await cacheAllocRequest, "runtime.mheap_.cachealloc");
        var classToSize = new RuntimeVariable(await classToSizeRequest, "runtime.class_to_size").Elements("").Select(e => e.UInt64()).ToArray();

        // heapStats.unsafeRead: the true value of every field is the sum of the ring's deltas.
        var consistent = HeapStatsDelta.Sum(new RuntimeVariable(await ringRequest, "runtime.memstats.heapStats.stats").Elements(""), classToSize.Length);
        var pending = await mcacheReader.ReadAsync(layouts, classToSize.Length, cancellationToken);
        consistent.AddPending(pending);

        // Large allocations, then per-size-class small ones, then tiny ones counted in both mallocs and frees.
        var totalAlloc = consistent.LargeAlloc;
        var mallocs = consistent.LargeAllocCount;
        var totalFree = consistent.LargeFree;
        var frees = consistent.LargeFreeCount;
        var bySize = new List<SizeClassStats>(classToSize.Length);
        for (var i = 0; i < classToSize.Length; i++)
        {
            var allocated = consistent.SmallAllocCount[i];
            var freed = consistent.SmallFreeCount[i];
            totalAlloc += allocated * classToSize[i];
            mallocs += allocated;
            totalFree += freed * classToSize[i];
            frees += freed;
            bySize.Add(new SizeClassStats((uint)classToSize[i], allocated, freed));
        }

        frees += consistent.TinyAllocCount;
        mallocs += consistent.TinyAllocCount;

        var stackInUse = (ulong)consistent.InStacks;
        var workBufsInUse = (ulong)consistent.InWorkBufs;
        var ptrScalarBitsInUse = (ulong)consistent.InPtrScalarBits;
        var heapInUse = controller.UInt64("heapInUse");
        var heapFree = controller.UInt64("heapFree");
        var heapReleased = controller.UInt64("heapReleased");
        var stacksSys = memstats.UInt64("stacks_sys");
        var mspanSys = memstats.UInt64("mspan_sys");
        var mcacheSys = memstats.UInt64("mcache_sys");
        var buckHashSys = memstats.UInt64("buckhash_sys");
        var gcMiscSys = memstats.UInt64("gcMiscSys");
        var otherSys = memstats.UInt64("other_sys");
        var totalMapped = heapInUse + heapFree + heapReleased + stacksSys + mspanSys + mcacheSys + buckHashSys + gcMiscSys + otherSys
            + stackInUse + workBufsInUse + ptrScalarBitsInUse;

        return new MemStats
        {
            Alloc = totalAlloc - totalFree,
            TotalAlloc = totalAlloc,
            Sys = totalMapped,
            Mallocs = mallocs,
            Frees = frees,
            HeapAlloc = totalAlloc - totalFree,
            HeapSys = heapInUse + heapFree + heapReleased,
            HeapIdle = heapFree + heapReleased,
            HeapInuse = heapInUse,
            HeapReleased = heapReleased,
            HeapObjects = mallocs - frees,
            StackInuse = stackInUse,
            StackSys = stackInUse + stacksSys,
            MSpanInuse = spanAlloc.UInt64("inuse"),
            MSpanSys = mspanSys,
            MCacheInuse = cacheAlloc.UInt64("inuse"),
            MCacheSys = mcacheSys,
            BuckHashSys = buckHashSys,
            GCSys = gcMiscSys + workBufsInUse + ptrScalarBitsInUse,
            OtherSys = otherSys,
            NextGC = HeapGoal.Compute(controller, pending.SmallAllocBytes),
            LastGC = memstats.UInt64("last_gc_unix"),
            PauseTotalNs = memstats.UInt64("pause_total_ns"),
            NumGC = (uint)memstats.UInt64("numgc"),
            NumForcedGC = (uint)memstats.UInt64("numforcedgc"),
            GCCPUFraction = memstats.Float64("gc_cpu_fraction"),
            BySize = bySize,
        };
    }

    private async Task<Variable> EvalAsync(string expression, LoadConfig config, CancellationToken cancellationToken)
    {
        try
        {
            return await delve.EvalAsync(expression, EvalScope.Current, config, cancellationToken);
        }
        catch (DelveException e) when (e is SymbolNotFoundException || IsMissingSymbol(e))
        {
            throw new MissingRuntimeFieldException(expression, e);
        }
    }

    // Delve reports an unknown package variable or field with these phrases (pkg/proc/eval.go).
    private static bool IsMissingSymbol(DelveException e) =>
        e.Message.Contains("could not find symbol", StringComparison.Ordinal) || e.Message.Contains("has no member", StringComparison.Ordinal);
}
