using System.Buffers.Binary;
using Dlvx.Sdk.Runtime;

namespace Dlvx.PluginRuntime.GoRuntime.Heap;

/// <summary>
/// Every in-use span of the heap, read from <c>mheap_.allspans</c> (mspans sit together in the
/// runtime's fixalloc chunks, so their headers come in a few bulk reads), with an index from any
/// address to the allocated slot holding it. A slot counts only if the allocator considers it
/// allocated (mspan.isFree), so a stale pointer into a free slot never counts.
/// </summary>
internal sealed class SpanTable
{
    private readonly HeapSpan[] spans;
    private readonly ulong[] starts;

    private SpanTable(List<HeapSpan> spans)
    {
        this.spans = [.. spans.OrderBy(s => s.Start)];
        starts = this.spans.Select(s => s.Start).ToArray();
        var slot = 0;
        foreach (var span in this.spans)
        {
            span.FirstSlot = slot;
            slot += span.SlotCount;
        }

        SlotCount = slot;
    }

    /// <summary>The spans, by address.</summary>
    public IReadOnlyList<HeapSpan> Spans => spans;

    /// <summary>The slots of all spans together.</summary>
    public int SlotCount { get; }

    /// <summary>Reads the heap's in-use spans.</summary>
    public static async Task<SpanTable> ReadAsync(IRuntimeLayout layout, TargetMemory memory, HeapArenas arenas, CancellationToken cancellationToken)
    {
        var mheap = await layout.GetStructAsync("runtime.mheap", cancellationToken);
        var mspan = await layout.GetStructAsync("runtime.mspan", cancellationToken);
        var heap = await layout.GetGlobalAsync("runtime.mheap_", cancellationToken);
        var pageSize = (ulong)(await layout.FindConstantAsync("runtime._PageSize", cancellationToken) ?? throw await layout.MissingAsync("constant runtime._PageSize", cancellationToken));
        var inUse = await layout.FindConstantAsync("runtime.mSpanInUse", cancellationToken) ?? throw await layout.MissingAsync("constant runtime.mSpanInUse", cancellationToken);

        var startAddr = mspan.Field("startAddr");
        var npages = mspan.Field("npages");
        var nelems = mspan.Field("nelems");
        var elemsize = mspan.Field("elemsize");
        var freeIndex = mspan.FieldOf("freeIndexForScan", "freeindex");
        var allocBits = mspan.Field("allocBits");
        var spanclass = mspan.Field("spanclass");
        var state = mspan.Field("state");
        var specials = mspan.Field("specials");
        var largeType = mspan.Find("largeType");

        var allspans = mheap.Field("allspans");
        var header = await memory.ReadAsync(heap.Address + allspans.Offset, 16, cancellationToken);
        var array = BinaryPrimitives.ReadUInt64LittleEndian(header);
        var count = (int)BinaryPrimitives.ReadUInt64LittleEndian(header.AsSpan(8));
        var list = count == 0 ? [] : await memory.ReadAsync(array, count * 8, cancellationToken);
        var addresses = Enumerable.Range(0, count).Select(i => BinaryPrimitives.ReadUInt64LittleEndian(list.AsSpan(i * 8))).Where(a => a != 0).ToList();
        var headers = await memory.ReadManyAsync(addresses.Select(a => new MemoryRange(a, (int)mspan.Size)).ToList(), cancellationToken);

        var candidates = new List<(ulong Header, byte[] Bytes)>();
        for (var i = 0; i < addresses.Count; i++)
        {
            // The state box's first byte is the state (mSpanStateBox wraps an atomic uint8).
            if (headers[i] is { } bytes && bytes[(int)state.Offset] == (byte)inUse && elemsize.Read(bytes) != 0)
            {
                candidates.Add((addresses[i], bytes));
            }
        }

        if (candidates.Count > 0)
        {
            arenas.Calibrate(startAddr.Read(candidates[0].Bytes));
        }

        var bits = await memory.ReadManyAsync(candidates.Select(c => new MemoryRange(allocBits.Read(c.Bytes), ((int)nelems.Read(c.Bytes) + 7) / 8)).ToList(), cancellationToken);
        var result = new List<HeapSpan>(candidates.Count);
        for (var i = 0; i < candidates.Count; i++)
        {
            var bytes = candidates[i].Bytes;
            var start = startAddr.Read(bytes);
            var spanClass = (int)spanclass.Read(bytes);
            result.Add(new HeapSpan
            {
                Header = candidates[i].Header,
                Start = start,
                Bytes = npages.Read(bytes) * pageSize,
                ElementSize = elemsize.Read(bytes),
                SlotCount = (int)nelems.Read(bytes),
                SizeClass = spanClass >> 1,
                Noscan = (spanClass & 1) != 0,
                FreeIndexForScan = (int)freeIndex.Read(bytes),
                AllocBits = bits[i] ?? [],
                Specials = specials.Read(bytes),
                LargeType = largeType?.Read(bytes) ?? 0,
                InlineMarkBits = await arenas.UsesInlineMarkBitsAsync(start, cancellationToken),
            });
        }

        return new SpanTable(result);
    }

    /// <summary>The span holding <paramref name="address"/> in one of its slots, or null.</summary>
    public HeapSpan? SpanOf(ulong address)
    {
        var i = Array.BinarySearch(starts, address);
        i = i >= 0 ? i : ~i - 1;
        return i >= 0 && address < spans[i].End ? spans[i] : null;
    }

    /// <summary>
    /// The global slot index of the allocated object holding <paramref name="address"/>, or -1 outside the
    /// heap or in a free slot.
    /// </summary>
    public int FindSlot(ulong address, out HeapSpan? span)
    {
        span = SpanOf(address);
        if (span is null)
        {
            return -1;
        }

        var slot = (int)((address - span.Start) / span.ElementSize);
        return span.IsAllocated(slot) ? span.FirstSlot + slot : -1;
    }

    /// <summary>The span and in-span index of a global slot index.</summary>
    public (HeapSpan Span, int Slot) Locate(int globalSlot)
    {
        // Spans are ordered by FirstSlot as by address.
        var lo = 0;
        var hi = spans.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (spans[mid].FirstSlot <= globalSlot)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return (spans[lo], globalSlot - spans[lo].FirstSlot);
    }
}
