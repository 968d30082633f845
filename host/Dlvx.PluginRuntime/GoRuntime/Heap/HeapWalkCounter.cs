using System.Globalization;
using Dlvx.Sdk.Runtime;

namespace Dlvx.PluginRuntime.GoRuntime.Heap;

/// <summary>Turns a finished walk's per-slot marks into the counts <see cref="IGoHeap.WalkAsync"/> reports.</summary>
internal static class HeapWalkCounter
{
    /// <summary>Counts what <paramref name="walker"/> marked: by type, by root and by how each was held.</summary>
    public static HeapWalkResult Count(HeapGraphWalker walker, SpanTable spans, ViewCatalog views, RootSet roots, TimeSpan elapsed, long bytesRead)
    {
        var byType = new Dictionary<string, long[]>(StringComparer.Ordinal);
        var byRoot = new Dictionary<int, long[]>();
        var byRootEdge = new Dictionary<(int, byte), long[]>();
        long objects = 0, bytes = 0, allocatedObjects = 0, allocatedBytes = 0;
        foreach (var span in spans.Spans)
        {
            var size = (long)span.ElementSize;
            for (var i = 0; i < span.SlotCount; i++)
            {
                if (!span.IsAllocated(i))
                {
                    continue;
                }

                allocatedObjects++;
                allocatedBytes += size;
                var slot = span.FirstSlot + i;
                if (!walker.IsMarked(slot))
                {
                    continue;
                }

                objects++;
                bytes += size;
                var view = walker.ViewOf(slot);
                var name = view >= 0 ? views[view].Name
                    : span.SizeClass != 0 ? string.Create(CultureInfo.InvariantCulture, $"<unknown, size class {span.ElementSize}>")
                    : string.Create(CultureInfo.InvariantCulture, $"<unknown, {span.ElementSize} bytes>");
                Add(byType, name, size);
                Add(byRoot, walker.RootOf(slot), size);
                Add(byRootEdge, (walker.RootOf(slot), walker.EdgeOf(slot)), size);
            }
        }

        var edgesByRoot = byRootEdge.ToLookup(e => e.Key.Item1);
        return new HeapWalkResult
        {
            Objects = objects,
            Bytes = bytes,
            AllocatedObjects = allocatedObjects,
            AllocatedBytes = allocatedBytes,
            Types = byType.Select(p => new HeapTypeCount(p.Key, p.Value[0], p.Value[1])).OrderByDescending(t => t.Bytes).ThenBy(t => t.Type, StringComparer.Ordinal).ToList(),
            Roots = byRoot.Select(p => new HeapRootCount(
                    roots.Roots[p.Key].Name,
                    roots.Roots[p.Key].Kind,
                    p.Value[0],
                    p.Value[1],
                    edgesByRoot[p.Key].Select(e => new HeapEdgeCount((HeapEdgeKind)e.Key.Item2, e.Value[0], e.Value[1])).OrderByDescending(e => e.Bytes).ToList()))
                .OrderByDescending(r => r.Bytes).ThenBy(r => r.Root, StringComparer.Ordinal).ToList(),
            RootWords = roots.Words.Count,
            Elapsed = elapsed,
            BytesRead = bytesRead,
        };

        static void Add<TKey>(Dictionary<TKey, long[]> table, TKey key, long size)
            where TKey : notnull
        {
            if (!table.TryGetValue(key, out var totals))
            {
                table[key] = totals = new long[2];
            }

            totals[0]++;
            totals[1] += size;
        }
    }
}
