namespace Dlvx.Plugins.RuntimeViews.Memory;

/// <summary>An address range the Go runtime says it uses for something.</summary>
/// <param name="Start">Its first address.</param>
/// <param name="End">The address after its last byte.</param>
/// <param name="Kind">One of <see cref="RegionKind"/>.</param>
/// <param name="Detail">What exactly, for the output (<c>heap arena 0xc000000000</c>, <c>page allocator summary level 2</c>).</param>
/// <param name="Precedence">Which range wins where ranges overlap: a stack span inside a heap arena is a stack.</param>
public sealed record GoRange(ulong Start, ulong End, string Kind, string Detail, int Precedence);
