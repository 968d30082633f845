using System.Buffers.Binary;
using System.Globalization;
using Dlvx.Sdk.Delve;
using Dlvx.Sdk.Runtime;

namespace Dlvx.Plugins.RuntimeViews.Memory;

/// <summary>
/// Reads which address ranges the Go runtime uses for what: the heap arenas (<c>mheap_.allArenas</c>,
/// <c>heapArenas</c> from Go 1.26), the manual spans in them that hold goroutine stacks or GC work
/// buffers (<c>mheap_.allspans</c>), the modules' sections (<c>runtime.firstmoduledata</c>), and the
/// off-heap metadata the runtime keeps pointers to (arena index, heapArena structures, the page
/// allocator's reservations, persistentalloc chunks, GC bitmap arenas). Every field is found by name
/// in the target's own layout.
/// </summary>
public sealed class GoMemoryLayoutReader(IGoValues values, IRuntimeLayout layout, ITargetMemory memory)
{
    /// <summary>The detail of the manual spans that hold the GC's work buffers (kind runtime), which the cross-check counts.</summary>
    public const string WorkBuffersDetail = "GC work buffers";

    // Where ranges overlap, the more specific wins: a stack span inside an arena is a stack.
    private const int SpanPrecedence = 3;
    private const int ArenaPrecedence = 2;
    private const int MetadataPrecedence = 1;

    // The smallest page the OS maps (sysAlloc rounds to it); Go's own page is larger.
    private const ulong OsPageSize = 4096;

    // A corrupt list in a core dump must not loop forever.
    private const int MaxListLength = 1_000_000;

    /// <summary>Reads the runtime's view of its memory.</summary>
    /// <exception cref="RuntimeLayoutException">The runtime lacks a variable, field or constant this needs; the message names it and the Go release.</exception>
    public async Task<GoMemoryLayout> ReadAsync(CancellationToken cancellationToken)
    {
        var ranges = new List<GoRange>();
        var modules = await ReadModulesAsync(cancellationToken);
        var heap = await values.EvalAsync("runtime.mheap_", cancellationToken: cancellationToken);
        await AddArenasAsync(heap, ranges, cancellationToken);
        await AddManualSpansAsync(heap, ranges, cancellationToken);
        await AddPageAllocatorAsync(heap["pages"], ranges, cancellationToken);
        await AddPersistentChunksAsync(ranges, cancellationToken);
        await AddGcBitmapArenasAsync(ranges, cancellationToken);
        await AddSliceReservationAsync(heap["allspans"], "span table (mheap_.allspans)", ranges, cancellationToken);
        await AddProfileBucketsAsync(ranges, cancellationToken);
        return new GoMemoryLayout(ranges, modules, await ReadFiguresAsync(cancellationToken));
    }

    private async Task<List<ModuleSections>> ReadModulesAsync(CancellationToken cancellationToken)
    {
        var modules = new List<ModuleSections>();
        var module = await values.EvalAsync("runtime.firstmoduledata", cancellationToken: cancellationToken);
        while (modules.Count < MaxListLength)
        {
            var name = RuntimeNumbers.Has(module, "modulename") ? await module["modulename"].ReadStringAsync(4096, cancellationToken) : "";
            modules.Add(new ModuleSections(
                name.Length == 0 ? "executable" : name,
                Address(module, "text"),
                Address(module, "etext"),
                Address(module, "noptrdata"),
                Address(module, "edata"),
                Address(module, "bss"),
                Address(module, "end")));
            if (module["next"].IsNil)
            {
                break;
            }

            module = await module["next"].DereferenceAsync(cancellationToken);
        }

        return modules;
    }

    private async Task AddArenasAsync(GoValue heap, List<GoRange> ranges, CancellationToken cancellationToken)
    {
        // Go 1.26 renamed the list of heap arenas.
        var list = RuntimeNumbers.Has(heap, "allArenas") ? heap["allArenas"]
            : RuntimeNumbers.Has(heap, "heapArenas") ? heap["heapArenas"]
            : throw await layout.MissingAsync("runtime.mheap.allArenas or heapArenas", cancellationToken);
        var arenaBytes = (ulong)(await layout.FindConstantAsync("runtime.heapArenaBytes", cancellationToken) ?? throw await layout.MissingAsync("constant runtime.heapArenaBytes", cancellationToken));

        var indexes = (await list.ReadElementsAsync(cancellationToken: cancellationToken)).Select(RuntimeNumbers.Unsigned).ToList();
        var baseOffset = await ArenaBaseOffsetAsync(heap, indexes, arenaBytes, cancellationToken);

        // mheap_.arenas is [1 << arenaL1Bits]*[1 << arenaL2Bits]*heapArena: the second level's length says how to split an index.
        var firstLevel = heap["arenas"];
        var secondLevelType = await values.TypeAsync(firstLevel.Type.ElementTypeName.TrimStart('*'), cancellationToken);
        var secondLevelLength = (ulong)secondLevelType.Length;
        var arenaMetadataSize = await layout.FindSizeAsync("runtime.heapArena", cancellationToken) ?? 0;
        for (var i = 0; i < firstLevel.Type.Length; i++)
        {
            var secondLevel = firstLevel[i];
            if (!secondLevel.IsNil)
            {
                ranges.Add(new GoRange(secondLevel.Pointer, secondLevel.Pointer + secondLevelType.Size, RegionKind.Runtime, "heap arena index (mheap_.arenas)", MetadataPrecedence));
            }
        }

        foreach (var index in indexes)
        {
            var start = unchecked((index * arenaBytes) + baseOffset);
            ranges.Add(new GoRange(start, start + arenaBytes, RegionKind.Heap, $"heap arena {Hex(start)}", ArenaPrecedence));

            var secondLevel = firstLevel[(int)(index / secondLevelLength)];
            if (!secondLevel.IsNil && arenaMetadataSize > 0)
            {
                var metadata = await memory.ReadWordAsync(secondLevel.Pointer + (index % secondLevelLength * 8), cancellationToken);
                if (metadata != 0)
                {
                    ranges.Add(new GoRange(metadata, RoundUpToPage(metadata + arenaMetadataSize), RegionKind.Runtime, $"heapArena metadata of arena {Hex(start)}", MetadataPrecedence));
                }
            }
        }
    }

    // arenaBase(i) = i*heapArenaBytes + arenaBaseOffset. The untyped arenaBaseOffset does not fit DWARF's int on amd64;
    // newer releases emit its typed copy (as a negative number). Without it, the offset follows from the arena being
    // grown into: mheap_.curArena ends where the last arena of allArenas ends (mheap.grow, mheap.sysAlloc).
    private async Task<ulong> ArenaBaseOffsetAsync(GoValue heap, IReadOnlyList<ulong> indexes, ulong arenaBytes, CancellationToken cancellationToken)
    {
        foreach (var name in new[] { "runtime.arenaBaseOffsetUintptr", "runtime.arenaBaseOffset" })
        {
            if (await layout.FindConstantAsync(name, cancellationToken) is { } constant)
            {
                return unchecked((ulong)constant);
            }
        }

        var end = RuntimeNumbers.Has(heap, "curArena") ? RuntimeNumbers.Unsigned(heap["curArena"]["end"]) : 0;
        if (end == 0 || indexes.Count == 0)
        {
            throw await layout.MissingAsync("constant runtime.arenaBaseOffsetUintptr (and mheap_.curArena to derive it from)", cancellationToken);
        }

        var lastArena = (end - 1) & ~(arenaBytes - 1);
        return unchecked(lastArena - (indexes[^1] * arenaBytes));
    }

    // Manual spans hold goroutine stacks or the GC's work buffers: the runtime's work.wbufSpans lists say which are buffers.
    private async Task AddManualSpansAsync(GoValue heap, List<GoRange> ranges, CancellationToken cancellationToken)
    {
        var manual = await layout.FindConstantAsync("runtime.mSpanManual", cancellationToken) ?? throw await layout.MissingAsync("constant runtime.mSpanManual", cancellationToken);
        var pageSize = (ulong)(await layout.FindConstantAsync("runtime._PageSize", cancellationToken) ?? throw await layout.MissingAsync("constant runtime._PageSize", cancellationToken));
        var spanAddresses = (await heap["allspans"].ReadElementsAsync(cancellationToken: cancellationToken)).Select(s => s.Pointer).Where(a => a != 0).ToList();
        var spans = await values.ReadManyAsync("runtime.mspan", spanAddresses, cancellationToken);
        var workBuffers = await WorkBufferSpansAsync(cancellationToken);
        var found = new List<GoRange>();
        foreach (var span in spans)
        {
            if (RuntimeNumbers.Signed(span["state"]) != manual)
            {
                continue;
            }

            var start = RuntimeNumbers.Unsigned(span["startAddr"]);
            var end = start + (RuntimeNumbers.Unsigned(span["npages"]) * pageSize);
            found.Add(workBuffers.Contains(span.Address)
                ? new GoRange(start, end, RegionKind.Runtime, WorkBuffersDetail, SpanPrecedence)
                : new GoRange(start, end, RegionKind.Stack, "goroutine stacks", SpanPrecedence));
        }

        // Neighbouring spans of one kind read as one region.
        foreach (var range in found.OrderBy(r => r.Start))
        {
            if (ranges.Count > 0 && ranges[^1] is var last && last.Precedence == SpanPrecedence && last.End == range.Start && last.Kind == range.Kind && last.Detail == range.Detail)
            {
                ranges[^1] = last with { End = range.End };
            }
            else
            {
                ranges.Add(range);
            }
        }
    }

    private async Task<HashSet<ulong>> WorkBufferSpansAsync(CancellationToken cancellationToken)
    {
        var spans = new HashSet<ulong>();
        var lists = (await values.EvalAsync("runtime.work", cancellationToken: cancellationToken))["wbufSpans"];
        foreach (var name in new[] { "free", "busy" })
        {
            var next = lists[name]["first"].Pointer;
            while (next != 0 && spans.Count < MaxListLength && spans.Add(next))
            {
                next = (await values.ReadAsync("runtime.mspan", next, cancellationToken))["next"].Pointer;
            }
        }

        return spans;
    }

    private async Task AddPageAllocatorAsync(GoValue pages, List<GoRange> ranges, CancellationToken cancellationToken)
    {
        // Each summary level is a slice over a reservation sized for the whole address space (pageAlloc.sysInit).
        var summary = pages["summary"];
        for (var level = 0; level < summary.Type.Length; level++)
        {
            await AddSliceReservationAsync(summary[level], $"page allocator summary, level {level}", ranges, cancellationToken);
        }

        // chunks is [1 << pallocChunksL1Bits]*[1 << pallocChunksL2Bits]pallocData: each second level is its own mapping.
        var chunks = pages["chunks"];
        var secondLevelType = await values.TypeAsync(chunks.Type.ElementTypeName.TrimStart('*'), cancellationToken);
        for (var i = 0; i < chunks.Type.Length; i++)
        {
            var secondLevel = chunks[i];
            if (!secondLevel.IsNil)
            {
                ranges.Add(new GoRange(secondLevel.Pointer, secondLevel.Pointer + secondLevelType.Size, RegionKind.Runtime, "page allocator bitmaps (pallocData)", MetadataPrecedence));
            }
        }

        if (RuntimeNumbers.Has(pages, "scav") && RuntimeNumbers.Has(pages["scav"], "index") && RuntimeNumbers.Has(pages["scav"]["index"], "chunks")
            && pages["scav"]["index"]["chunks"].Type.Kind == GoKind.Slice)
        {
            await AddSliceReservationAsync(pages["scav"]["index"]["chunks"], "scavenger index", ranges, cancellationToken);
        }
    }

    private async Task AddSliceReservationAsync(GoValue slice, string detail, List<GoRange> ranges, CancellationToken cancellationToken)
    {
        var array = BinaryPrimitives.ReadUInt64LittleEndian(slice.Bytes.Span);
        if (array == 0 || slice.Capacity <= 0)
        {
            return;
        }

        var element = await values.TypeAsync(slice.Type.ElementTypeName, cancellationToken);
        ranges.Add(new GoRange(array, RoundUpToPage(array + ((ulong)slice.Capacity * element.Size)), RegionKind.Runtime, detail, MetadataPrecedence));
    }

    // The memory profiler's bucket hash table (MemStats.BuckHashSys), allocated on first use.
    private async Task AddProfileBucketsAsync(List<GoRange> ranges, CancellationToken cancellationToken)
    {
        if (await layout.FindGlobalAsync("runtime.buckhash", cancellationToken) is not { } global
            || await layout.FindSizeAsync("runtime.buckhashArray", cancellationToken) is not { } size)
        {
            return;
        }

        // A plain pointer in some releases, an atomic.UnsafePointer in others.
        var table = RuntimeNumbers.Unsigned(await values.ReadAsync(global.TypeName, global.Address, cancellationToken));
        if (table != 0)
        {
            ranges.Add(new GoRange(table, RoundUpToPage(table + size), RegionKind.Runtime, "memory profile buckets (runtime.buckhash)", MetadataPrecedence));
        }
    }

    // sysAlloc hands out whole pages: the rest of the last page belongs to the same allocation.
    private static ulong RoundUpToPage(ulong end) => (end + OsPageSize - 1) & ~(OsPageSize - 1);

    // persistentalloc's chunks (spans, mcaches, itabs... live there) are linked through their first word.
    private async Task AddPersistentChunksAsync(List<GoRange> ranges, CancellationToken cancellationToken)
    {
        if (await layout.FindConstantAsync("runtime.persistentChunkSize", cancellationToken) is not { } chunkSize
            || await layout.FindGlobalAsync("runtime.persistentChunks", cancellationToken) is not { } head)
        {
            return;
        }

        var seen = new HashSet<ulong>();
        var chunk = await memory.ReadWordAsync(head.Address, cancellationToken);
        while (chunk != 0 && seen.Count < MaxListLength && seen.Add(chunk))
        {
            ranges.Add(new GoRange(chunk, chunk + (ulong)chunkSize, RegionKind.Runtime, "persistentalloc chunk (spans, mcaches, other immortal metadata)", MetadataPrecedence));
            chunk = await memory.ReadWordAsync(chunk, cancellationToken);
        }
    }

    // The arenas the mark and allocation bits of spans come from (gcBitsArenas: free, next, current and previous lists).
    private async Task AddGcBitmapArenasAsync(List<GoRange> ranges, CancellationToken cancellationToken)
    {
        if (await layout.FindGlobalAsync("runtime.gcBitsArenas", cancellationToken) is null
            || await layout.FindConstantAsync("runtime.gcBitsChunkBytes", cancellationToken) is not { } chunkBytes)
        {
            return;
        }

        var lists = await values.EvalAsync("runtime.gcBitsArenas", cancellationToken: cancellationToken);
        var seen = new HashSet<ulong>();
        foreach (var name in new[] { "free", "next", "current", "previous" })
        {
            var arena = lists[name].Pointer;
            while (arena != 0 && seen.Count < MaxListLength && seen.Add(arena))
            {
                ranges.Add(new GoRange(arena, arena + (ulong)chunkBytes, RegionKind.Runtime, "GC mark and allocation bits (gcBitsArenas)", MetadataPrecedence));
                arena = (await values.ReadAsync("runtime.gcBitsArena", arena, cancellationToken))["next"].Pointer;
            }
        }
    }

    private async Task<RuntimeMemoryFigures> ReadFiguresAsync(CancellationToken cancellationToken)
    {
        var controller = await values.EvalAsync("runtime.gcController", cancellationToken: cancellationToken);
        var memstats = await values.EvalAsync("runtime.memstats", cancellationToken: cancellationToken);

        // heapStats.unsafeRead: each figure's true value is the sum of the ring's three deltas.
        long inStacks = 0, inWorkBufs = 0, inPtrScalarBits = 0;
        var ring = memstats["heapStats"]["stats"];
        for (var i = 0; i < ring.Type.Length; i++)
        {
            var delta = ring[i];
            inStacks += RuntimeNumbers.Signed(delta["inStacks"]);
            inWorkBufs += RuntimeNumbers.Signed(delta["inWorkBufs"]);
            if (RuntimeNumbers.Has(delta, "inPtrScalarBits"))
            {
                inPtrScalarBits += RuntimeNumbers.Signed(delta["inPtrScalarBits"]);
            }
        }

        var heapSys = RuntimeNumbers.Unsigned(controller["heapInUse"]) + RuntimeNumbers.Unsigned(controller["heapFree"]) + RuntimeNumbers.Unsigned(controller["heapReleased"]);
        return new RuntimeMemoryFigures(heapSys, (ulong)inStacks, (ulong)inStacks + RuntimeNumbers.Unsigned(memstats["stacks_sys"]), (ulong)inWorkBufs, (ulong)inPtrScalarBits);
    }

    private static ulong Address(GoValue module, string field) => RuntimeNumbers.Unsigned(module[field]);

    private static string Hex(ulong address) => "0x" + address.ToString("x", CultureInfo.InvariantCulture);
}
