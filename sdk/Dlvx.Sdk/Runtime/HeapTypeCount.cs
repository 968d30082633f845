namespace Dlvx.Sdk.Runtime;

/// <summary>Reachable objects of one type.</summary>
/// <param name="Type">The Go type, for example <c>main.item</c>, <c>[1000]*main.item</c> (a slice's backing array) or <c>&lt;unknown, size class 48&gt;</c>.</param>
/// <param name="Objects">How many.</param>
/// <param name="Bytes">Their bytes (whole allocator slots).</param>
public sealed record HeapTypeCount(string Type, long Objects, long Bytes);
