using Dlvx.Sdk.Runtime;

namespace Dlvx.Plugins.HeapStats.Retention;

/// <summary>One step of a path in heap-path's data.</summary>
/// <param name="Kind">How it is held (Root for the root).</param>
/// <param name="Name">The root's name, or the field, index, key or value that holds the object.</param>
/// <param name="Type">The object's type.</param>
/// <param name="Addr">The object's address (a root's word's address).</param>
/// <param name="Offset">Where the pointer sits in the step before.</param>
public sealed record HeapPathEntry(HeapEdgeKind Kind, string Name, string Type, ulong Addr, ulong Offset);
