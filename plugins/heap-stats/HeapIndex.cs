using System.Globalization;
using Dlvx.Sdk;
using Dlvx.Sdk.Delve;

namespace Dlvx.Plugins.HeapStats;

/// <summary>
/// Maps any address to the allocated heap object holding it. Every in-use span is read up front from
/// <c>mheap_.allspans</c> (mspans sit together in the runtime's fixalloc chunks, so their headers come in
/// a few bulk reads), then lookups are a binary search. A slot counts as an object only if the
/// allocator considers it allocated (mspan.isFree), so a stale pointer into a free slot never adds to
/// the totals, which therefore never exceed HeapAlloc.
/// </summary>
internal sealed class HeapIndex
{
    private const byte SpanInUse = 1; // mSpanInUse in mheap.go's mSpanState

    private static readonly LoadConfig Shallow = new() { FollowPointers = false, MaxVariableRecurse = 0, MaxStringLen = 0, MaxArrayValues = 0, MaxStructFields = -1 };

    private readonly HeapSpan[] spans;
    private readonly ulong[] starts;
    private readonly (ulong Start, ulong End)[] statics;

    private HeapIndex(List<HeapSpan> spans, (ulong, ulong)[] statics)
    {
        this.spans = [.. spans.OrderBy(s => s.Start)];
        starts = this.spans.Select(s => s.Start).ToArray();
        this.statics = statics;
    }

    /// <summary>How many in-use spans the heap has.</summary>
    public int SpanCount => spans.Length;

    /// <summary>Reads the heap's in-use spans and the program's data and bss ranges.</summary>
    public static async Task<HeapIndex> CreateAsync(IDelveClient delve, TargetMemory memory, CancellationToken cancellationToken)
    {
        var allspansTask = delve.EvalAsync("runtime.mheap_.allspans", EvalScope.Current, Shallow, cancellationToken);
        var mspanTask = delve.EvalAsync("runtime.emptymspan", EvalScope.Current, Shallow, cancellationToken);
        var moduleTask = delve.EvalAsync("runtime.firstmoduledata", EvalScope.Current, Shallow, cancellationToken);
        var pageTask = delve.EvalAsync("runtime._PageSize", EvalScope.Current, null, cancellationToken);
        var allspans = await allspansTask;
        var mspan = FieldLayout.From(await mspanTask);
        var module = new RuntimeVariable(await moduleTask, "runtime.firstmoduledata");
        var pageSize = ulong.Parse((await pageTask).Value, CultureInfo.InvariantCulture);

        var count = (ulong)allspans.Len;
        await memory.FetchAsync([(allspans.Base, count * 8)], cancellationToken);
        byte[] list = [];
        var listOffset = 0;
        if (count > 0 && !memory.TryGet(allspans.Base, count * 8, out list, out listOffset))
        {
            throw new CommandException("cannot read runtime.mheap_.allspans");
        }

        var addresses = Enumerable.Range(0, (int)count).Select(i => LittleEndian.UInt64(list, listOffset + (i * 8))).Where(a => a != 0).ToList();
        string[] fields = ["startAddr", "npages", "freeindex", "nelems", "allocBits", "elemsize", "state"];
        var headerLength = (ulong)(fields.Max(mspan.Offset) + 8);
        await memory.FetchAsync(addresses.Select(a => (a, headerLength)), cancellationToken);

        var inUse = new List<(ulong Start, ulong Bytes, ulong ElementSize, ulong FreeIndex, ulong BitsAddress, ulong BitsLength)>();
        foreach (var address in addresses)
        {
            if (!memory.TryGet(address, headerLength, out var header, out var at) || header[at + mspan.Offset("state")] != SpanInUse)
            {
                continue;
            }

            var elementSize = LittleEndian.UInt64(header, at + mspan.Offset("elemsize"));
            if (elementSize == 0)
            {
                continue;
            }

            var spanBytes = LittleEndian.UInt64(header, at + mspan.Offset("npages")) * pageSize;
            var elements = LittleEndian.UInt64(header, at + mspan.Offset("nelems"));
            inUse.Add((LittleEndian.UInt64(header, at + mspan.Offset("startAddr")), spanBytes / elementSize * elementSize, elementSize, LittleEndian.UInt64(header, at + mspan.Offset("freeindex")), LittleEndian.UInt64(header, at + mspan.Offset("allocBits")), (elements + 7) / 8));
        }

        await memory.FetchAsync(inUse.Where(s => s.BitsAddress != 0).Select(s => (s.BitsAddress, s.BitsLength)), cancellationToken);
        var result = new List<HeapSpan>(inUse.Count);
        foreach (var s in inUse)
        {
            var bits = s.BitsAddress != 0 && s.BitsLength > 0 && memory.TryGet(s.BitsAddress, s.BitsLength, out var buffer, out var at)
                ? buffer.AsSpan(at, (int)s.BitsLength).ToArray()
                : [];
            result.Add(new HeapSpan(s.Start, s.Bytes, s.ElementSize, s.FreeIndex, bits));
        }

        (ulong, ulong)[] statics =
        [
            (module.UInt64("noptrdata"), module.UInt64("enoptrdata")),
            (module.UInt64("data"), module.UInt64("edata")),
            (module.UInt64("bss"), module.UInt64("ebss")),
            (module.UInt64("noptrbss"), module.UInt64("enoptrbss")),
        ];
        return new HeapIndex(result, statics);
    }

    /// <summary>The allocated object holding <paramref name="address"/>, or <see langword="null"/> outside the heap or in a free slot.</summary>
    public HeapObject? Find(ulong address)
    {
        var i = Array.BinarySearch(starts, address);
        i = i >= 0 ? i : ~i - 1;
        if (i < 0 || !spans[i].Contains(address))
        {
            return null;
        }

        var span = spans[i];
        var slot = (address - span.Start) / span.ElementSize;
        return span.IsAllocated(slot) ? new HeapObject(span.Start + (slot * span.ElementSize), span.ElementSize, span) : null;
    }

    /// <summary>
    /// Whether <paramref name="address"/> is in the program's data or bss: values there that are not
    /// named package variables (a composite literal's static backing, <c>var p = &amp;T{}</c>) can still
    /// point into the heap, so the walk looks inside them without counting them.
    /// </summary>
    public bool IsStatic(ulong address) => statics.Any(s => address >= s.Start && address < s.End);
}
