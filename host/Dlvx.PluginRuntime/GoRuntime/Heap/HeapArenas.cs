using System.Buffers.Binary;
using Dlvx.Sdk.Runtime;

namespace Dlvx.PluginRuntime.GoRuntime.Heap;

/// <summary>
/// The heap's arena index (<c>mheap_.arenas</c>, runtime.arenaIndex): which <c>heapArena</c> holds
/// the metadata of an address: its pointer bitmap before Go 1.22, which pages use inline mark bits in
/// Go 1.26. Arena metadata lives outside the heap; it is read a range at a time, as needed.
/// </summary>
internal sealed class HeapArenas
{
    // When runtime.arenaBaseOffsetUintptr is missing too: linux/amd64 uses the first, other platforms
    // 0 (malloc.go). Which applies is checked against mheap_.allArenas.
    private static readonly ulong[] BaseOffsets = [0xffff800000000000, 0];

    private readonly TargetMemory memory;
    private readonly ulong arenaBytes;
    private readonly ulong pageSize;
    private readonly int l2Bits;
    private readonly ulong[] l2Tables;
    private readonly HashSet<ulong> allArenas;
    private readonly GoField? inlineMarkPages;
    private readonly Dictionary<ulong, ulong> arenaCache = [];
    private ulong? baseOffset;

    private HeapArenas(TargetMemory memory, GoStructLayout heapArena, ulong arenaBytes, ulong pageSize, int l2Bits, ulong[] l2Tables, HashSet<ulong> allArenas, ulong? baseOffset)
    {
        this.baseOffset = baseOffset;
        this.memory = memory;
        HeapArenaLayout = heapArena;
        this.arenaBytes = arenaBytes;
        this.pageSize = pageSize;
        this.l2Bits = l2Bits;
        this.l2Tables = l2Tables;
        this.allArenas = allArenas;
        inlineMarkPages = heapArena.Find("pageUseSpanInlineMarkBits");
    }

    /// <summary>The layout of runtime.heapArena.</summary>
    public GoStructLayout HeapArenaLayout { get; }

    /// <summary>The bytes one arena covers (runtime.heapArenaBytes).</summary>
    public ulong ArenaBytes => arenaBytes;

    public static async Task<HeapArenas> ReadAsync(IRuntimeLayout layout, TargetMemory memory, CancellationToken cancellationToken)
    {
        var mheap = await layout.GetStructAsync("runtime.mheap", cancellationToken);
        var heapArena = await layout.GetStructAsync("runtime.heapArena", cancellationToken);
        var heap = await layout.GetGlobalAsync("runtime.mheap_", cancellationToken);
        var arenaBytes = (ulong)(await layout.FindConstantAsync("runtime.heapArenaBytes", cancellationToken) ?? throw await layout.MissingAsync("constant runtime.heapArenaBytes", cancellationToken));
        var pageSize = (ulong)(await layout.FindConstantAsync("runtime._PageSize", cancellationToken) ?? throw await layout.MissingAsync("constant runtime._PageSize", cancellationToken));
        var l1Bits = (int)(await layout.FindConstantAsync("runtime.arenaL1Bits", cancellationToken) ?? throw await layout.MissingAsync("constant runtime.arenaL1Bits", cancellationToken));
        var l2Bits = (int)(await layout.FindConstantAsync("runtime.arenaL2Bits", cancellationToken) ?? throw await layout.MissingAsync("constant runtime.arenaL2Bits", cancellationToken));

        var arenas = mheap.Field("arenas");
        var l1 = await memory.ReadAsync(heap.Address + arenas.Offset, 8 << l1Bits, cancellationToken);
        var l2Tables = Enumerable.Range(0, 1 << l1Bits).Select(i => BinaryPrimitives.ReadUInt64LittleEndian(l1.AsSpan(i * 8))).ToArray();

        // Go 1.26 renamed allArenas to heapArenas.
        var all = mheap.FieldOf("allArenas", "heapArenas");
        var header = await memory.ReadAsync(heap.Address + all.Offset, 16, cancellationToken);
        var count = (int)BinaryPrimitives.ReadUInt64LittleEndian(header.AsSpan(8));
        var indexes = count == 0 ? [] : await memory.ReadAsync(BinaryPrimitives.ReadUInt64LittleEndian(header), count * 8, cancellationToken);
        var allArenas = Enumerable.Range(0, count).Select(i => BinaryPrimitives.ReadUInt64LittleEndian(indexes.AsSpan(i * 8))).ToHashSet();
        // runtime.arenaBaseOffset overflows int, so only its typed twin reaches DWARF (as a negative number).
        var typedOffset = await layout.FindConstantAsync("runtime.arenaBaseOffsetUintptr", cancellationToken);
        var arenasReady = new HeapArenas(memory, heapArena, arenaBytes, pageSize, l2Bits, l2Tables, allArenas, typedOffset is { } o ? unchecked((ulong)o) : null);
        await arenasReady.ResolveAllAsync(cancellationToken);
        return arenasReady;
    }

    /// <summary>The start of the arena holding <paramref name="address"/>.</summary>
    public ulong ArenaStart(ulong address) => address / arenaBytes * arenaBytes;

    /// <summary>The heapArena struct describing the arena that holds <paramref name="address"/>, or 0 outside the heap.</summary>
    public ulong ArenaOf(ulong address)
    {
        var index = unchecked(address - (baseOffset ?? 0)) / arenaBytes;
        return arenaCache.GetValueOrDefault(index);
    }

    // Every arena in use is looked up once, so later lookups need no reads.
    private async Task ResolveAllAsync(CancellationToken cancellationToken)
    {
        foreach (var index in allArenas)
        {
            var table = l2Tables[(int)(index >> l2Bits)];
            arenaCache[index] = table == 0 ? 0 : await memory.ReadWordAsync(table + ((index & ((1UL << l2Bits) - 1)) * 8), cancellationToken);
        }
    }

    /// <summary>Settles which arena base offset applies, from an address known to be in the heap.</summary>
    public void Calibrate(ulong heapAddress) =>
        baseOffset ??= BaseOffsets.FirstOrDefault(o => allArenas.Contains(unchecked(heapAddress - o) / arenaBytes), BaseOffsets[0]);

    /// <summary>
    /// Whether the span starting at <paramref name="spanStart"/> ends in inline mark bits: Go 1.26's
    /// Green Tea collector marks such spans in heapArena.pageUseSpanInlineMarkBits (mheap.go's
    /// initSpan); runtimes without the field have no inline mark bits.
    /// </summary>
    public async Task<bool> UsesInlineMarkBitsAsync(ulong spanStart, CancellationToken cancellationToken)
    {
        if (inlineMarkPages is null)
        {
            return false;
        }

        var arena = ArenaOf(spanStart);
        if (arena == 0)
        {
            return false;
        }

        var page = spanStart / pageSize;
        var pagesPerArena = arenaBytes / pageSize;
        var index = (page / 8) % (pagesPerArena / 8);
        var bits = await memory.ReadAsync(arena + inlineMarkPages.Offset + index, 1, cancellationToken);
        return (bits[0] >> (int)(page % 8) & 1) != 0;
    }
}
