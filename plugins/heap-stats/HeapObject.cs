namespace Dlvx.Plugins.HeapStats;

/// <summary>One heap allocation slot: where it starts and how many bytes the allocator gave it.</summary>
/// <param name="Base">The slot's first address.</param>
/// <param name="Size">The slot's size (the span's element size: what HeapAlloc counts for it).</param>
/// <param name="Span">The span holding it.</param>
internal sealed record HeapObject(ulong Base, ulong Size, HeapSpan Span);
