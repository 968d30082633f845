namespace Dlvx.Sdk.Runtime;

/// <summary>Why an object is alive: paths from roots to it, shortest first, each from a different root.</summary>
/// <param name="Target">The object.</param>
/// <param name="Paths">Each path starts with its root and ends with the object; empty when nothing reaches it.</param>
public sealed record HeapPathResult(HeapObjectInfo Target, IReadOnlyList<IReadOnlyList<HeapPathStep>> Paths);
