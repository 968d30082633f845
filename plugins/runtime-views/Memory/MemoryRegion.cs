namespace Dlvx.Plugins.RuntimeViews.Memory;

/// <summary>One region of memory-map's output: a mapping, or the part of one that Go uses for one thing.</summary>
/// <param name="Start">Its first address, as <c>0x...</c> (a string: JSON numbers lose precision above 2^53).</param>
/// <param name="End">The address after its last byte, as <c>0x...</c>.</param>
/// <param name="Size">Its length in bytes.</param>
/// <param name="Perm">Its permissions as the source spells them (<c>rw-p</c> from /proc/PID/maps, <c>rw-</c> from a core); <c>---</c> only reserves address space.</param>
/// <param name="File">The file it maps, the kernel's name for it (<c>[stack]</c>), or empty.</param>
/// <param name="Kind">What Go uses it for: one of <see cref="RegionKind"/>.</param>
/// <param name="Detail">More precisely what it is, when that is known.</param>
public sealed record MemoryRegion(string Start, string End, ulong Size, string Perm, string File, string Kind, string Detail);
