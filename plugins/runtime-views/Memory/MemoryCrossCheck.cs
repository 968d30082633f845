namespace Dlvx.Plugins.RuntimeViews.Memory;

/// <summary>The map held against the runtime's own figures (the ones runtime.ReadMemStats returns).</summary>
/// <param name="HeapSys">MemStats.HeapSys as the runtime computes it.</param>
/// <param name="HeapMapped">Bytes of the map classified as heap (mapped, not only reserved).</param>
/// <param name="HeapMatches">Whether the two are equal.</param>
/// <param name="StackInuse">MemStats.StackInuse.</param>
/// <param name="StackSys">MemStats.StackSys: StackInuse plus stacks the runtime took from the OS directly.</param>
/// <param name="StackMapped">Bytes of the map classified as goroutine stacks.</param>
/// <param name="StacksMatch">Whether the stacks found equal StackInuse (plus the GC-program bitmaps the runtime also keeps in manual spans, if any).</param>
/// <param name="WorkBuffers">The GC's work-buffer spans by the runtime's count.</param>
/// <param name="WorkBuffersMapped">Bytes of the map that are GC work-buffer spans.</param>
/// <param name="ProgramBitmaps">Manual spans holding unrolled GC programs (counted with the stacks, since nothing tells them apart).</param>
public sealed record MemoryCrossCheck(
    ulong HeapSys,
    ulong HeapMapped,
    bool HeapMatches,
    ulong StackInuse,
    ulong StackSys,
    ulong StackMapped,
    bool StacksMatch,
    ulong WorkBuffers,
    ulong WorkBuffersMapped,
    ulong ProgramBitmaps);
