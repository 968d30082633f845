namespace Dlvx.Sdk.Runtime;

/// <summary>What retains the most of the reachable heap.</summary>
/// <param name="Objects">Reachable objects.</param>
/// <param name="Bytes">Their bytes.</param>
/// <param name="Retainers">The objects and roots that retain the most bytes, most first.</param>
public sealed record HeapRetainersResult(long Objects, long Bytes, IReadOnlyList<HeapRetainer> Retainers);
