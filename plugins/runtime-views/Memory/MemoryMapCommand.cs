using Dlvx.Sdk;

namespace Dlvx.Plugins.RuntimeViews.Memory;

/// <summary>The target's mapped regions, each with what Go uses it for, and the heap and stacks held against the runtime's own figures.</summary>
[Command(
    "memory-map",
    Aliases = ["mm"],
    Summary = "Show the target's mapped regions and what Go uses each for (heap arenas, goroutine stacks, module sections, runtime metadata).",
    Description = "The mappings come from /proc/PID/maps for a live process on this machine, or from the program headers of the core "
        + "file Delve has open. Each is split by what the runtime says it uses it for; totals per kind follow, and the heap and stack "
        + "regions are checked against HeapSys and StackInuse as runtime.ReadMemStats computes them.")]
public sealed class MemoryMapCommand(AddressSpaceReader addressSpace, GoMemoryLayoutReader goLayout) : ICommand
{
    /// <summary>Only list regions of this kind (the totals and the cross-check stay whole).</summary>
    [Option("kind", Description = "Only list regions of this kind: heap, stack, text, rodata, data, bss, runtime or other.", ValueName = "KIND")]
    public string? Kind { get; set; }

    /// <inheritdoc/>
    public async Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (Kind is not null && !RegionKind.All.Contains(Kind))
        {
            throw new UsageException($"-kind must be one of {string.Join(", ", RegionKind.All)}");
        }

        var space = await addressSpace.ReadAsync(cancellationToken);
        var go = await goLayout.ReadAsync(cancellationToken);
        var regions = RegionClassifier.Classify(space.Mappings, go);
        var map = Summarise(space.Source, regions, go.Figures);
        var shown = Kind is null ? regions : regions.Where(r => r.Kind == Kind).ToList();
        return CommandResult.Create(MemoryMapText.Format(map, shown), Kind is null ? map : map with { Regions = shown });
    }

    private static MemoryMapData Summarise(string source, IReadOnlyList<MemoryRegion> regions, RuntimeMemoryFigures figures)
    {
        var totals = new Dictionary<string, ulong>(StringComparer.Ordinal);
        var reserved = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var region in regions)
        {
            var into = IsAccessible(region.Perm) ? totals : reserved;
            into[region.Kind] = into.GetValueOrDefault(region.Kind) + region.Size;
        }

        var heap = totals.GetValueOrDefault(RegionKind.Heap);
        var stacks = totals.GetValueOrDefault(RegionKind.Stack);
        var workBuffers = regions.Where(r => r.Kind == RegionKind.Runtime && r.Detail == GoMemoryLayoutReader.WorkBuffersDetail).Aggregate(0UL, (sum, r) => sum + r.Size);
        var check = new MemoryCrossCheck(
            figures.HeapSys,
            heap,
            heap == figures.HeapSys,
            figures.StackInuse,
            figures.StackSys,
            stacks,
            stacks == figures.StackInuse + figures.ProgramBitmaps,
            figures.WorkBuffers,
            workBuffers,
            figures.ProgramBitmaps);
        return new MemoryMapData(source, regions, Ordered(totals), Ordered(reserved), check);
    }

    private static Dictionary<string, ulong> Ordered(Dictionary<string, ulong> byKind) =>
        RegionKind.All.Where(byKind.ContainsKey).ToDictionary(k => k, k => byKind[k], StringComparer.Ordinal);

    private static bool IsAccessible(string perm) => perm.Length >= 3 && (perm[0] == 'r' || perm[1] == 'w' || perm[2] == 'x');
}
