namespace Dlvx.Sdk.Runtime;

/// <summary>One step of a retention path: a root, or an object and how the step before holds it.</summary>
/// <param name="Kind">How it is held: <see cref="HeapEdgeKind.Root"/> for the path's first step.</param>
/// <param name="Name">The root's name, or the field, index, map key or value, or capture that holds the object (<c>.next</c>, <c>[3]</c>).</param>
/// <param name="Type">The object's type (empty for a root).</param>
/// <param name="Address">The object's address, or for a root the address of its word.</param>
/// <param name="Offset">Where the pointer to this step's object sits in the step before (bytes from its start).</param>
public sealed record HeapPathStep(HeapEdgeKind Kind, string Name, string Type, ulong Address, ulong Offset);
