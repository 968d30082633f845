namespace Dlvx.Sdk.Runtime;

/// <summary>An object or root and what it alone keeps alive (its dominator subtree).</summary>
/// <param name="Name">The object's type, or the root's name.</param>
/// <param name="IsRoot">Whether it is a root rather than an object.</param>
/// <param name="Address">The object's address (0 for a root).</param>
/// <param name="ShallowBytes">Its own size (0 for a root).</param>
/// <param name="RetainedBytes">The bytes that would be freed if it were gone, itself included.</param>
/// <param name="RetainedObjects">The objects that would be freed, itself included.</param>
/// <param name="Path">The shortest path from a root to it.</param>
public sealed record HeapRetainer(string Name, bool IsRoot, ulong Address, long ShallowBytes, long RetainedBytes, long RetainedObjects, IReadOnlyList<HeapPathStep> Path);
