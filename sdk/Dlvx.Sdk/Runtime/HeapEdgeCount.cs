namespace Dlvx.Sdk.Runtime;

/// <summary>Objects held through one kind of reference.</summary>
/// <param name="Kind">The kind of reference.</param>
/// <param name="Objects">How many objects.</param>
/// <param name="Bytes">Their bytes.</param>
public sealed record HeapEdgeCount(HeapEdgeKind Kind, long Objects, long Bytes);
