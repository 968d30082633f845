namespace Dlvx.Plugins.HeapStats;

/// <summary>What the heap walk needs to know of a Go type: its size and where its references are.</summary>
/// <param name="Name">The type's name as Delve prints it.</param>
/// <param name="Size">The type's size (the stride of an array of it).</param>
/// <param name="References">Every reference in one value, at its offset.</param>
internal sealed record TypeShape(string Name, ulong Size, IReadOnlyList<Reference> References);
