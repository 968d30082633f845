using Dlvx.Sdk.Delve;

namespace Dlvx.Plugins.HeapStats;

/// <summary>
/// Reads every P's mcache the way Go 1.19's <c>mcache.releaseAll</c> accounts for it, without
/// touching the target: learns the p, mcache and mspan layouts once, then reads raw memory in
/// pipelined batches (one batch per level: p, mcache, span).
/// </summary>
internal sealed class MCacheReader(IDelveClient delve)
{
    private static readonly LoadConfig Shallow = new() { FollowPointers = false, MaxVariableRecurse = 0, MaxStringLen = 0, MaxArrayValues = 0, MaxStructFields = -1 };
    private static readonly LoadConfig PointerList = new() { FollowPointers = false, MaxVariableRecurse = 0, MaxStringLen = 0, MaxArrayValues = 1 << 16, MaxStructFields = -1 };

    /// <summary>Starts the requests that need nothing from other requests; run them alongside the summary's own.</summary>
    public Layouts StartLayouts(Func<string, LoadConfig, Task<Variable>> eval) => new(
        eval("runtime.allp", PointerList),
        eval("runtime.allp[0].mcache", Shallow),
        eval("*runtime.allp[0].mcache", Shallow),
        eval("runtime.emptymspan", Shallow));

    /// <summary>Reads what the mcaches have allocated but not yet counted.</summary>
    /// <param name="layouts">The requests from <see cref="StartLayouts"/>.</param>
    /// <param name="sizeClassCount">The number of size classes (<c>_NumSizeClasses</c>).</param>
    /// <param name="cancellationToken">Stops the reads.</param>
    public async Task<PendingCacheAllocations> ReadAsync(Layouts layouts, int sizeClassCount, CancellationToken cancellationToken)
    {
        var allp = await layouts.Allp;
        var mcacheField = await layouts.McacheField;
        var mcache = FieldLayout.From(await layouts.Mcache);
        var mspan = FieldLayout.From(await layouts.EmptySpan);
        var emptySpanAddress = mspan.Address;

        var processors = allp.Children.Select(ParsePointer).ToList();
        if (processors.Count != allp.Len)
        {
            throw new Dlvx.Sdk.CommandException($"runtime.allp was truncated ({processors.Count} of {allp.Len} Ps read)");
        }

        var mcacheOffsetInP = mcacheField.Addr - processors[0];
        var allocOffset = mcache.Offset("alloc");
        var spanClassCount = (int)mcache.Field("alloc").Len;
        var tinyAllocsOffset = mcache.Offset("tinyAllocs");
        var mcacheReadLength = Math.Max(allocOffset + (spanClassCount * 8), tinyAllocsOffset + 8);

        string[] spanFields = ["allocCount", "allocCountBeforeCache", "elemsize", "spanclass"];
        var spanReadLength = spanFields.Max(f => mspan.Offset(f)) + 8;

        // Level 1: each P's mcache pointer. Level 2: each mcache. Level 3: each cached span.
        var mcacheAddresses = await Task.WhenAll(processors.Select(async p =>
            LittleEndian.UInt64((await delve.ExamineMemoryAsync(p + mcacheOffsetInP, 8, cancellationToken)).Bytes.Span, 0)));
        var caches = await Task.WhenAll(mcacheAddresses.Where(a => a != 0).Select(async a =>
            (await delve.ExamineMemoryAsync(a, mcacheReadLength, cancellationToken)).Bytes.ToArray()));

        ulong tinyAllocs = 0;
        var spanAddresses = new List<ulong>();
        foreach (var cache in caches)
        {
            tinyAllocs += LittleEndian.UInt64(cache, tinyAllocsOffset);
            for (var spanClass = 0; spanClass < spanClassCount; spanClass++)
            {
                var span = LittleEndian.UInt64(cache, allocOffset + (spanClass * 8));
                if (span != 0 && span != emptySpanAddress)
                {
                    spanAddresses.Add(span);
                }
            }
        }

        var spans = await Task.WhenAll(spanAddresses.Select(async a =>
            (await delve.ExamineMemoryAsync(a, spanReadLength, cancellationToken)).Bytes.ToArray()));
        var counts = new ulong[sizeClassCount];
        ulong bytes = 0;
        foreach (var span in spans)
        {
            // Mirrors releaseAll: slotsUsed = allocCount - allocCountBeforeCache, counted in the span's size class.
            var slotsUsed = (ulong)(LittleEndian.UInt16(span, mspan.Offset("allocCount")) - LittleEndian.UInt16(span, mspan.Offset("allocCountBeforeCache")));
            var sizeClass = span[mspan.Offset("spanclass")] >> 1;
            counts[sizeClass] += slotsUsed;
            bytes += slotsUsed * LittleEndian.UInt64(span, mspan.Offset("elemsize"));
        }

        return new PendingCacheAllocations(counts, bytes, tinyAllocs);
    }

    private static ulong ParsePointer(Variable pointer) =>
        ulong.Parse(pointer.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The layout requests, started early so they share the summary's round trip.</summary>
    public sealed record Layouts(Task<Variable> Allp, Task<Variable> McacheField, Task<Variable> Mcache, Task<Variable> EmptySpan);
}
