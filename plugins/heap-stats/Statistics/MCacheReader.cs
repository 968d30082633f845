using System.Buffers.Binary;
using Dlvx.Sdk.Runtime;

namespace Dlvx.Plugins.HeapStats.Statistics;

/// <summary>
/// Reads every P's mcache the way <c>mcache.releaseAll</c> accounts for it, without touching the
/// target: <c>runtime.allp</c>, each P's mcache, and the spans it caches, read straight from memory
/// with the field offsets the target's own layout gives.
/// </summary>
internal sealed class MCacheReader(IRuntimeLayout layout, ITargetMemory memory)
{
    /// <summary>Reads what the mcaches have allocated but not yet counted.</summary>
    /// <param name="sizeClassCount">The number of size classes.</param>
    /// <param name="cancellationToken">Stops the reads.</param>
    public async Task<PendingCacheAllocations> ReadAsync(int sizeClassCount, CancellationToken cancellationToken)
    {
        var p = await layout.GetStructAsync("runtime.p", cancellationToken);
        var mcache = await layout.GetStructAsync("runtime.mcache", cancellationToken);
        var mspan = await layout.GetStructAsync("runtime.mspan", cancellationToken);
        var allp = await layout.GetGlobalAsync("runtime.allp", cancellationToken);
        var empty = await layout.GetGlobalAsync("runtime.emptymspan", cancellationToken);
        var cacheField = p.Field("mcache");
        var tinyAllocs = mcache.Field("tinyAllocs");
        var alloc = mcache.Field("alloc");

        var header = await memory.ReadAsync(allp.Address, 16, cancellationToken);
        var count = (int)BinaryPrimitives.ReadUInt64LittleEndian(header.AsSpan(8));
        var processors = count == 0 ? [] : await memory.ReadAsync(BinaryPrimitives.ReadUInt64LittleEndian(header), count * 8, cancellationToken);
        var cacheAddresses = new List<ulong>();
        for (var i = 0; i < count; i++)
        {
            var processor = BinaryPrimitives.ReadUInt64LittleEndian(processors.AsSpan(i * 8));
            if (processor != 0)
            {
                cacheAddresses.Add(BinaryPrimitives.ReadUInt64LittleEndian(await memory.ReadAsync(processor + cacheField.Offset, 8, cancellationToken)));
            }
        }

        // A P without an mcache holds no unflushed allocations.
        var caches = await memory.ReadManyAsync(cacheAddresses.Where(a => a != 0).Select(a => new MemoryRange(a, (int)mcache.Size)).ToList(), cancellationToken);
        ulong tiny = 0;
        var spanAddresses = new List<ulong>();
        foreach (var cache in caches)
        {
            if (cache is null)
            {
                throw new TargetMemoryException("cannot read a P's mcache");
            }

            tiny += tinyAllocs.Read(cache);
            for (var at = alloc.Offset; at < alloc.Offset + alloc.Size; at += 8)
            {
                var span = BinaryPrimitives.ReadUInt64LittleEndian(cache.AsSpan((int)at));
                if (span != 0 && span != empty.Address)
                {
                    spanAddresses.Add(span);
                }
            }
        }

        var spans = await memory.ReadManyAsync(spanAddresses.Select(a => new MemoryRange(a, (int)mspan.Size)).ToList(), cancellationToken);
        var counts = new ulong[sizeClassCount];
        ulong bytes = 0;
        foreach (var span in spans)
        {
            if (span is null)
            {
                throw new TargetMemoryException("cannot read a span an mcache holds");
            }

            // Mirrors releaseAll: slotsUsed = allocCount - allocCountBeforeCache, counted in the span's size class.
            var slotsUsed = mspan.Field("allocCount").Read(span) - mspan.Field("allocCountBeforeCache").Read(span);
            var sizeClass = (int)(mspan.Field("spanclass").Read(span) >> 1);
            counts[sizeClass] += slotsUsed;
            bytes += slotsUsed * mspan.Field("elemsize").Read(span);
        }

        return new PendingCacheAllocations(counts, bytes, tiny);
    }
}
