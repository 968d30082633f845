namespace Dlvx.Plugins.RuntimeViews.Memory;

/// <summary>The --json data of memory-map.</summary>
/// <param name="Source">Where the mappings were read: <c>/proc/PID/maps</c>, or a core file's program headers.</param>
/// <param name="Regions">Every region by address.</param>
/// <param name="Totals">Mapped bytes per kind (regions that only reserve address space are in <paramref name="Reserved"/>).</param>
/// <param name="Reserved">Bytes of address space per kind that are reserved but not accessible yet (permissions <c>---</c>).</param>
/// <param name="CrossCheck">The heap and stack regions against the runtime's own figures.</param>
public sealed record MemoryMapData(
    string Source,
    IReadOnlyList<MemoryRegion> Regions,
    IReadOnlyDictionary<string, ulong> Totals,
    IReadOnlyDictionary<string, ulong> Reserved,
    MemoryCrossCheck CrossCheck);
