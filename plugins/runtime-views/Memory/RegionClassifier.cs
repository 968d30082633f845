using System.Globalization;

namespace Dlvx.Plugins.RuntimeViews.Memory;

/// <summary>
/// Lays the runtime's view over the OS's mappings: each mapping is cut where a Go range starts or
/// ends, each piece takes the kind of the most specific range covering it (a stack span inside a
/// heap arena is a stack), module images are split into text, read-only data, data and bss, and
/// whatever Go does not account for is "other".
/// </summary>
public static class RegionClassifier
{
    /// <summary>Classifies every mapping, splitting where Go's ranges begin and end.</summary>
    public static IReadOnlyList<MemoryRegion> Classify(IReadOnlyList<AddressMapping> mappings, GoMemoryLayout go)
    {
        ArgumentNullException.ThrowIfNull(mappings);
        ArgumentNullException.ThrowIfNull(go);
        var ranges = go.Ranges.Where(r => r.End > r.Start).OrderBy(r => r.Start).ToList();
        var starts = ranges.Select(r => r.Start).ToArray();
        var longest = ranges.Count == 0 ? 0 : ranges.Max(r => r.End - r.Start);
        var modules = go.Modules.Select(m => (Sections: m, Start: ModuleStart(m, mappings), End: ModuleEnd(m, mappings))).ToList();
        var regions = new List<MemoryRegion>();
        foreach (var mapping in mappings.OrderBy(m => m.Start))
        {
            // Ranges that overlap the mapping start no earlier than (mapping.Start - longest range).
            var first = LowerBound(starts, mapping.Start > longest ? mapping.Start - longest : 0);
            var overlapping = new List<GoRange>();
            for (var i = first; i < ranges.Count && ranges[i].Start < mapping.End; i++)
            {
                if (ranges[i].End > mapping.Start)
                {
                    overlapping.Add(ranges[i]);
                }
            }

            var cuts = new SortedSet<ulong> { mapping.Start, mapping.End };
            foreach (var range in overlapping)
            {
                cuts.Add(Math.Clamp(range.Start, mapping.Start, mapping.End));
                cuts.Add(Math.Clamp(range.End, mapping.Start, mapping.End));
            }

            foreach (var module in modules.Where(m => m.Start < mapping.End && m.End > mapping.Start))
            {
                foreach (var boundary in new[] { module.Start, module.Sections.Text, module.Sections.EndOfText, module.Sections.Data, module.Sections.EndOfData, module.Sections.Bss, module.End })
                {
                    cuts.Add(Math.Clamp(boundary, mapping.Start, mapping.End));
                }
            }

            var points = cuts.ToList();
            MemoryRegion? pending = null;
            for (var i = 0; i + 1 < points.Count; i++)
            {
                var (kind, detail) = Classify(mapping, points[i], overlapping, modules);
                var piece = new MemoryRegion(Hex(points[i]), Hex(points[i + 1]), points[i + 1] - points[i], mapping.Permissions, mapping.File, kind, detail);
                if (pending is not null && pending.Kind == kind && pending.Detail == detail)
                {
                    pending = pending with { End = piece.End, Size = pending.Size + piece.Size };
                    continue;
                }

                if (pending is not null)
                {
                    regions.Add(pending);
                }

                pending = piece;
            }

            if (pending is not null)
            {
                regions.Add(pending);
            }
        }

        return regions;
    }

    private static (string Kind, string Detail) Classify(AddressMapping mapping, ulong address, List<GoRange> overlapping, List<(ModuleSections Sections, ulong Start, ulong End)> modules)
    {
        GoRange? best = null;
        foreach (var range in overlapping)
        {
            if (range.Start <= address && address < range.End && (best is null || range.Precedence > best.Precedence))
            {
                best = range;
            }
        }

        if (best is not null)
        {
            var reserved = mapping.IsAccessible ? "" : " (reserved, not mapped yet)";
            return (best.Kind, best.Detail + reserved);
        }

        foreach (var (module, start, end) in modules)
        {
            if (start <= address && address < end)
            {
                return ModuleKind(module, mapping, address);
            }
        }

        return (RegionKind.Other, mapping.Note.Length > 0 ? mapping.Note : OtherDetail(mapping));
    }

    // Sections by moduledata's bounds; what lies between them (ELF headers, .rodata, the pc-line tables) by the mapping's permissions.
    private static (string, string) ModuleKind(ModuleSections module, AddressMapping mapping, ulong address)
    {
        var note = mapping.Note.Length > 0 ? $" ({mapping.Note})" : "";
        if (address >= module.Bss)
        {
            return (RegionKind.Bss, $"{module.Name} .bss, .noptrbss{note}");
        }

        if ((address >= module.Data && address < module.EndOfData) || mapping.IsWritable)
        {
            return (RegionKind.Data, $"{module.Name} initialised data (.noptrdata, .data){note}");
        }

        return (address >= module.Text && address < module.EndOfText) || mapping.IsExecutable
            ? (RegionKind.Text, $"{module.Name} .text{note}")
            : (RegionKind.ReadOnlyData, $"{module.Name} read-only data (.rodata, type descriptors, pc-line tables){note}");
    }

    private static string OtherDetail(AddressMapping mapping) => mapping.File switch
    {
        "[stack]" => "the main thread's OS stack (the runtime does not count it)",
        "[vdso]" or "[vvar]" or "[vvar_vclock]" or "[vsyscall]" => "the kernel's pages",
        "[heap]" => "the C library's heap (brk)",
        _ => "",
    };

    // A module's image starts with the mapping that holds its text (the ELF headers precede .text).
    private static ulong ModuleStart(ModuleSections module, IReadOnlyList<AddressMapping> mappings) =>
        mappings.FirstOrDefault(m => m.Start <= module.Text && module.Text < m.End)?.Start ?? module.Text;

    // ... and ends with the mapping that holds its last byte (the rest of the page after .noptrbss is its bss too).
    private static ulong ModuleEnd(ModuleSections module, IReadOnlyList<AddressMapping> mappings) =>
        module.End > module.Bss && mappings.FirstOrDefault(m => m.Start < module.End && module.End <= m.End) is { } last ? last.End : module.End;

    private static int LowerBound(ulong[] sorted, ulong value)
    {
        var index = Array.BinarySearch(sorted, value);
        if (index < 0)
        {
            return ~index;
        }

        while (index > 0 && sorted[index - 1] == value)
        {
            index--;
        }

        return index;
    }

    private static string Hex(ulong address) => "0x" + address.ToString("x", CultureInfo.InvariantCulture);
}
