namespace Dlvx.Sdk.Runtime;

/// <summary>A heap object: where it is, how big its slot is, and its type where known.</summary>
/// <param name="Address">Its first byte (after a malloc header, if it has one).</param>
/// <param name="Size">Its slot's size in bytes.</param>
/// <param name="Type">Its type, or <c>&lt;unknown, size class N&gt;</c>.</param>
public sealed record HeapObjectInfo(ulong Address, ulong Size, string Type);
