namespace Dlvx.Plugins.RuntimeViews.Memory;

/// <summary>The runtime's own accounting of its mappings, computed as runtime.ReadMemStats does (src/runtime/mstats.go).</summary>
/// <param name="HeapSys">MemStats.HeapSys: <c>gcController.heapInUse + heapFree + heapReleased</c>.</param>
/// <param name="StackInuse">MemStats.StackInuse: the stack spans, <c>inStacks</c> summed over <c>memstats.heapStats</c>.</param>
/// <param name="StackSys">MemStats.StackSys: StackInuse plus stacks obtained from the OS (<c>memstats.stacks_sys</c>).</param>
/// <param name="WorkBuffers">The GC's work-buffer spans (<c>inWorkBufs</c>, part of MemStats.GCSys).</param>
/// <param name="ProgramBitmaps">Spans holding unrolled GC programs (<c>inPtrScalarBits</c>, Go 1.19-1.25; part of GCSys), which are also manual spans in the arenas.</param>
public sealed record RuntimeMemoryFigures(ulong HeapSys, ulong StackInuse, ulong StackSys, ulong WorkBuffers, ulong ProgramBitmaps);
