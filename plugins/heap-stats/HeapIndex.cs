using System.Collections.Concurrent;
using Dlvx.Sdk;
using Dlvx.Sdk.Delve;

namespace Dlvx.Plugins.HeapStats;

/// <summary>
/// Maps any address to the heap object holding it, as the runtime's <c>spanOf</c> does:
/// <c>mheap_.arenas[l1][l2].spans[page]</c> gives the mspan, whose start and element size give the
/// object. Arena entries and spans are read once and cached; layouts are learned by name.
/// </summary>
internal sealed class HeapIndex
{
    private const byte SpanInUse = 1; // mSpanInUse in mheap.go's mSpanState

    private static readonly LoadConfig Shallow = new() { FollowPointers = false, MaxVariableRecurse = 0, MaxStringLen = 0, MaxArrayValues = 1, MaxStructFields = -1 };

    private readonly IDelveClient delve;
    private readonly ConcurrentDictionary<ulong, Task<ulong>> arenaByIndex = new();
    private readonly ConcurrentDictionary<ulong, Task<HeapSpan?>> spanByPage = new();
    private readonly ConcurrentDictionary<ulong, Task<HeapSpan?>> spanByAddress = new();
    private ulong arenasL2;
    private ulong arenaBaseOffset;
    private ulong heapArenaBytes;
    private ulong pagesPerArena;
    private ulong pageSize;
    private int spansOffset;
    private FieldLayout mspan = null!;

    private HeapIndex(IDelveClient delve) => this.delve = delve;

    /// <summary>Learns the heap's layout from the target.</summary>
    public static async Task<HeapIndex> CreateAsync(IDelveClient delve, CancellationToken cancellationToken)
    {
        var index = new HeapIndex(delve);
        var arenas = delve.EvalAsync("runtime.mheap_.arenas", EvalScope.Current, Shallow, cancellationToken);
        var heapSample = delve.EvalAsync("runtime.allp", EvalScope.Current, Shallow, cancellationToken);
        var arenaBytes = delve.EvalAsync("runtime.heapArenaBytes", EvalScope.Current, null, cancellationToken);
        var pages = delve.EvalAsync("runtime.pagesPerArena", EvalScope.Current, null, cancellationToken);
        var page = delve.EvalAsync("runtime._PageSize", EvalScope.Current, null, cancellationToken);
        var l1Bits = delve.EvalAsync("runtime.arenaL1Bits", EvalScope.Current, null, cancellationToken);
        var span = delve.EvalAsync("runtime.emptymspan", EvalScope.Current, Shallow, cancellationToken);

        if (ulong.Parse((await l1Bits).Value, System.Globalization.CultureInfo.InvariantCulture) != 0)
        {
            throw new CommandException("--by-type supports targets with a one-level arena index only (64-bit Linux, macOS)");
        }

        index.heapArenaBytes = Parse(await arenaBytes);
        index.pagesPerArena = Parse(await pages);
        index.pageSize = Parse(await page);
        index.arenasL2 = Parse((await arenas).Children[0]);
        index.mspan = FieldLayout.From(await span);

        // arenaBaseOffset (malloc.go) is 0xffff800000000000 on amd64 and 0 on the other 64-bit ports, and
        // DWARF does not carry it: pick the one under which a known heap address (allp's array) has an arena.
        var heapAddress = (await heapSample).Base;
        foreach (var candidate in new[] { 0xffff800000000000UL, 0UL })
        {
            var arenaIndex = unchecked(heapAddress - candidate) / index.heapArenaBytes;
            if (arenaIndex < (1UL << 22) && await index.ReadWordAsync(index.arenasL2 + (arenaIndex * 8), cancellationToken) != 0)
            {
                index.arenaBaseOffset = candidate;
                return index;
            }
        }

        throw new CommandException("cannot locate the heap arenas (unsupported platform)");
    }

    /// <summary>The object holding <paramref name="address"/>, or <see langword="null"/> outside the in-use heap.</summary>
    public async Task<HeapObject?> FindAsync(ulong address, CancellationToken cancellationToken)
    {
        var arenaIndex = unchecked(address - arenaBaseOffset) / heapArenaBytes;
        if (address == 0 || arenaIndex >= (1UL << 22))
        {
            return null;
        }

        var arena = await arenaByIndex.GetOrAdd(arenaIndex, i => ReadWordAsync(arenasL2 + (i * 8), cancellationToken));
        if (arena == 0)
        {
            return null;
        }

        var pageNumber = address / pageSize;
        var span = await spanByPage.GetOrAdd(pageNumber, _ => ReadSpanOfPageAsync(arena, pageNumber % pagesPerArena, cancellationToken));
        if (span is null || !span.Contains(address))
        {
            return null;
        }

        var slot = (address - span.Start) / span.ElementSize;
        return new HeapObject(span.Start + (slot * span.ElementSize), span.ElementSize, span);
    }

    private async Task<HeapSpan?> ReadSpanOfPageAsync(ulong arena, ulong pageInArena, CancellationToken cancellationToken)
    {
        if (spansOffset == 0)
        {
            var sample = await delve.EvalAsync($"*(*runtime.heapArena)({arena})", EvalScope.Current, Shallow, cancellationToken);
            spansOffset = FieldLayout.From(sample).Offset("spans");
        }

        var spanAddress = await ReadWordAsync(arena + (ulong)spansOffset + (pageInArena * 8), cancellationToken);
        return spanAddress == 0 ? null : await spanByAddress.GetOrAdd(spanAddress, a => ReadSpanAsync(a, cancellationToken));
    }

    private async Task<HeapSpan?> ReadSpanAsync(ulong address, CancellationToken cancellationToken)
    {
        string[] fields = ["startAddr", "npages", "elemsize", "state"];
        var length = fields.Max(f => mspan.Offset(f)) + 8;
        var bytes = (await delve.ExamineMemoryAsync(address, length, cancellationToken)).Bytes.Span;
        if (bytes[mspan.Offset("state")] != SpanInUse)
        {
            return null;
        }

        var elementSize = LittleEndian.UInt64(bytes, mspan.Offset("elemsize"));
        var spanBytes = LittleEndian.UInt64(bytes, mspan.Offset("npages")) * pageSize;
        return elementSize == 0 ? null : new HeapSpan(address, LittleEndian.UInt64(bytes, mspan.Offset("startAddr")), spanBytes / elementSize * elementSize, elementSize);
    }

    private async Task<ulong> ReadWordAsync(ulong address, CancellationToken cancellationToken) =>
        LittleEndian.UInt64((await delve.ExamineMemoryAsync(address, 8, cancellationToken)).Bytes.Span, 0);

    private static ulong Parse(Variable value) => ulong.Parse(value.Value, System.Globalization.CultureInfo.InvariantCulture);
}
