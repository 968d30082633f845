using System.Buffers.Binary;
using Dlvx.Sdk.Runtime;

namespace Dlvx.PluginRuntime.GoRuntime.Goroutines;

/// <summary>
/// <c>runtime.allgs</c> read in bulk: every entry's <c>g</c>, dead ones included, in the runtime's
/// order (which is also the order, and the index, of Delve's goroutine listing).
/// </summary>
internal static class AllGoroutines
{
    /// <summary>One entry of <c>runtime.allgs</c>.</summary>
    /// <param name="Index">Its index in <c>allgs</c>, as Delve's paged listing counts.</param>
    /// <param name="Address">Its <c>runtime.g</c>.</param>
    /// <param name="Bytes">The <c>g</c>, or null where it could not be read.</param>
    public readonly record struct Entry(int Index, ulong Address, byte[]? Bytes);

    public static async Task<IReadOnlyList<Entry>> ReadAsync(IRuntimeLayout layout, TargetMemory memory, GoStructLayout g, CancellationToken cancellationToken)
    {
        var allgs = await layout.GetGlobalAsync("runtime.allgs", cancellationToken);
        var header = await memory.ReadAsync(allgs.Address, 16, cancellationToken);
        var count = (int)BinaryPrimitives.ReadUInt64LittleEndian(header.AsSpan(8));
        if (count == 0)
        {
            return [];
        }

        var pointers = await memory.ReadAsync(BinaryPrimitives.ReadUInt64LittleEndian(header), count * 8, cancellationToken);
        var entries = new List<(int Index, ulong Address)>(count);
        for (var i = 0; i < count; i++)
        {
            if (BinaryPrimitives.ReadUInt64LittleEndian(pointers.AsSpan(i * 8)) is var address and not 0)
            {
                entries.Add((i, address));
            }
        }

        var structs = await memory.ReadManyAsync(entries.Select(e => new MemoryRange(e.Address, (int)g.Size)).ToList(), cancellationToken);
        return entries.Select((e, i) => new Entry(e.Index, e.Address, structs[i])).ToList();
    }
}
