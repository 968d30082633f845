namespace Dlvx.Plugins.RuntimeViews.Memory;

/// <summary>What Go uses a region of the address space for: the <c>Kind</c> of each region in memory-map's output.</summary>
public static class RegionKind
{
    /// <summary>Heap arenas: spans of objects, and free or released pages (what MemStats.HeapSys counts).</summary>
    public const string Heap = "heap";

    /// <summary>Goroutine stacks: the stack spans the runtime carves out of the heap arenas (MemStats.StackInuse).</summary>
    public const string Stack = "stack";

    /// <summary>A module's code.</summary>
    public const string Text = "text";

    /// <summary>A module's read-only data: constants, type descriptors, the pc-line tables.</summary>
    public const string ReadOnlyData = "rodata";

    /// <summary>A module's initialised variables (.data and .noptrdata).</summary>
    public const string Data = "data";

    /// <summary>A module's zero-initialised variables (.bss and .noptrbss).</summary>
    public const string Bss = "bss";

    /// <summary>The runtime's own metadata outside the heap: arena and page-allocator indexes, span structures, GC bitmaps and work buffers.</summary>
    public const string Runtime = "runtime";

    /// <summary>Anything else: shared libraries, the main thread's OS stack, the kernel's pages, memory Go cannot account for.</summary>
    public const string Other = "other";

    /// <summary>Every kind, in the order the output lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Heap, Stack, Text, ReadOnlyData, Data, Bss, Runtime, Other];
}
