using Dlvx.Sdk;
using Dlvx.Sdk.Delve;
using Dlvx.Sdk.Runtime;

namespace Dlvx.Plugins.HeapStats.Statistics;

/// <summary>
/// Derives <see cref="MemStats"/> from a stopped target exactly as the runtime's
/// <c>readmemstats_m</c> does (src/runtime/mstats.go, the same arithmetic from Go 1.19 to 1.26),
/// reading runtime variables by name. What differs between releases (where the size-class table
/// lives, whether a counter exists, the heap goal's headroom) is asked of the target's layout.
/// </summary>
/// <remarks>
/// All first-level requests are sent at once (Delve answers them in order on one connection), so
/// the summary costs one round trip for the runtime globals plus the mcache reads.
/// </remarks>
public sealed class MemStatsReader(IDelveClient delve, IRuntimeLayout layout, ITargetMemory memory)
{
    // Deep enough for heapStats.stats[i].smallAllocCount[j]; arrays long enough for every size
    // class. Pointers are not followed: nothing needed lies behind one. Only the ring is read this
    // deep: all of memstats so (GC pause rings and all) is 3.5 times the bytes for Delve to encode.
    private static readonly LoadConfig Deep = new() { FollowPointers = false, MaxVariableRecurse = 6, MaxStringLen = 0, MaxArrayValues = 128, MaxStructFields = -1 };
    private static readonly LoadConfig Scalars = new() { FollowPointers = false, MaxVariableRecurse = 2, MaxStringLen = 0, MaxArrayValues = 0, MaxStructFields = -1 };

    // Go 1.26 moved the size-class tables out of runtime.
    private static readonly string[] SizeClassTables = ["runtime.class_to_size", "\"internal/runtime/gc\".SizeClassToSize"];

    /// <summary>Reads the statistics.</summary>
    /// <exception cref="RuntimeLayoutException">The target's runtime lacks something the derivation needs; the message names it and the Go release.</exception>
    public async Task<MemStats> ReadAsync(CancellationToken cancellationToken)
    {
        var goVersion = await layout.GetGoVersionAsync(cancellationToken);
        var tableName = await FindSizeClassTableAsync(cancellationToken);
        var memstatsRequest = EvalAsync("runtime.memstats", Scalars, cancellationToken);
        var ringRequest = EvalAsync("runtime.memstats.heapStats.stats", Deep, cancellationToken);
        var controllerRequest = EvalAsync("runtime.gcController", Scalars, cancellationToken);
        var spanAllocRequest = EvalAsync("runtime.mheap_.spanalloc", Scalars, cancellationToken);
        var cacheAllocRequest = EvalAsync("runtime.mheap_.cachealloc", Scalars, cancellationToken);
        var classToSizeRequest = EvalAsync(tableName, Deep, cancellationToken);
        var headroomRequest = MemoryLimitHeadroom.ReadAsync(layout, cancellationToken);

        var memstats = new RuntimeVariable(await memstatsRequest, "runtime.memstats", goVersion);
        var controller = new RuntimeVariable(await controllerRequest, "runtime.gcController", goVersion);
        var spanAlloc = new RuntimeVariable(await spanAllocRequest, "runtime.mheap_.spanalloc", goVersion);
        var cacheAlloc = new RuntimeVariable(await cacheAllocRequest, "runtime.mheap_.cachealloc", goVersion);
        var classToSize = new RuntimeVariable(await classToSizeRequest, tableName, goVersion).Elements("").Select(e => e.UInt64()).ToArray();

        // heapStats.unsafeRead: the true value of every field is the sum of the ring's deltas.
        var consistent = HeapStatsDelta.Sum(new RuntimeVariable(await ringRequest, "runtime.memstats.heapStats.stats", goVersion).Elements(""), classToSize.Length);
        var pending = await new MCacheReader(layout, memory).ReadAsync(classToSize.Length, cancellationToken);
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
            NextGC = HeapGoal.Compute(controller, pending.SmallAllocBytes, await headroomRequest),
            LastGC = memstats.UInt64("last_gc_unix"),
            PauseTotalNs = memstats.UInt64("pause_total_ns"),
            NumGC = (uint)memstats.UInt64("numgc"),
            NumForcedGC = (uint)memstats.UInt64("numforcedgc"),
            GCCPUFraction = memstats.Float64("gc_cpu_fraction"),
            BySize = bySize,
        };
    }

    private async Task<string> FindSizeClassTableAsync(CancellationToken cancellationToken)
    {
        foreach (var name in SizeClassTables)
        {
            if (await layout.FindGlobalAsync(name, cancellationToken) is not null)
            {
                return name;
            }
        }

        throw await layout.MissingAsync("size-class table (runtime.class_to_size or internal/runtime/gc.SizeClassToSize)", cancellationToken);
    }

    private async Task<Variable> EvalAsync(string expression, LoadConfig config, CancellationToken cancellationToken)
    {
        try
        {
            return await delve.EvalAsync(expression, EvalScope.Current, config, cancellationToken);
        }
        catch (DelveException e) when (e is SymbolNotFoundException || e.Message.Contains("has no member", StringComparison.Ordinal))
        {
            throw new RuntimeLayoutException((await layout.MissingAsync(expression, cancellationToken)).Message, e);
        }
    }
}
