using Dlvx.Sdk.Delve;

namespace Dlvx.Plugins.HeapStats;

/// <summary>
/// Reads every P's mcache the way Go 1.19's <c>mcache.releaseAll</c> accounts for it, without
/// touching the target, in two round trips: one Eval of <c>runtime.allp</c> that reaches each P's
/// mcache (alongside the summary's other requests), then one pipelined batch of raw reads of the
/// cached spans.
/// </summary>
internal sealed class MCacheReader(IDelveClient delve)
{
    // Go 1.19 declares p.mcache as p's 8th field and mcache.tinyAllocs and mcache.alloc among
    // mcache's first 8. Loading only that many fields, three levels deep (allp -> *p -> p.mcache ->
    // mcache), keeps the answer to about 65 KB per P instead of every P's whole struct.
    private const int LeadingFields = 8;

    private static readonly LoadConfig Shallow = new() { FollowPointers = false, MaxVariableRecurse = 0, MaxStringLen = 0, MaxArrayValues = 0, MaxStructFields = -1 };
    private static readonly LoadConfig ProcessorCaches = new() { FollowPointers = true, MaxVariableRecurse = 3, MaxStringLen = 0, MaxArrayValues = 1 << 16, MaxStructFields = LeadingFields };

    /// <summary>Starts the requests that need nothing from other requests; run them alongside the summary's own.</summary>
    public Layouts StartLayouts(Func<string, LoadConfig, Task<Variable>> eval) => new(
        eval("runtime.allp", ProcessorCaches),
        eval("runtime.emptymspan", Shallow));

    /// <summary>Reads what the mcaches have allocated but not yet counted.</summary>
    /// <param name="layouts">The requests from <see cref="StartLayouts"/>.</param>
    /// <param name="sizeClassCount">The number of size classes (<c>_NumSizeClasses</c>).</param>
    /// <param name="cancellationToken">Stops the reads.</param>
    public async Task<PendingCacheAllocations> ReadAsync(Layouts layouts, int sizeClassCount, CancellationToken cancellationToken)
    {
        var allp = await layouts.Allp;
        var mspan = FieldLayout.From(await layouts.EmptySpan);
        var emptySpanAddress = mspan.Address;
        if (allp.Children.Count != allp.Len)
        {
            throw new Dlvx.Sdk.CommandException($"runtime.allp was truncated ({allp.Children.Count} of {allp.Len} Ps read)");
        }

        string[] spanFields = ["allocCount", "allocCountBeforeCache", "elemsize", "spanclass"];
        var spanReadLength = spanFields.Max(f => mspan.Offset(f)) + 8;

        ulong tinyAllocs = 0;
        var spanAddresses = new List<ulong>();
        foreach (var processor in allp.Children)
        {
            var cache = Pointee(processor)?.Child("mcache") ?? throw new MissingRuntimeFieldException($"runtime.p.mcache (among p's first {LeadingFields} fields, as in Go 1.19)");
            if (ParsePointer(cache) == 0)
            {
                // A P without an mcache holds no unflushed allocations.
                continue;
            }

            var fields = Pointee(cache) ?? throw new Dlvx.Sdk.CommandException($"Delve did not load the mcache at 0x{ParsePointer(cache):x}");
            tinyAllocs += ulong.Parse(
                (fields.Child("tinyAllocs") ?? throw new MissingRuntimeFieldException($"runtime.mcache.tinyAllocs (among mcache's first {LeadingFields} fields, as in Go 1.19)")).Value,
                System.Globalization.CultureInfo.InvariantCulture);
            var alloc = fields.Child("alloc") ?? throw new MissingRuntimeFieldException($"runtime.mcache.alloc (among mcache's first {LeadingFields} fields, as in Go 1.19)");
            foreach (var span in alloc.Children.Select(ParsePointer))
            {
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

    private static Variable? Pointee(Variable pointer) => pointer.Children.Count > 0 ? pointer.Children[0] : null;

    /// <summary>The requests, started early so they share the summary's round trip.</summary>
    public sealed record Layouts(Task<Variable> Allp, Task<Variable> EmptySpan);
}
