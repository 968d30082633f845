namespace Dlvx.Sdk.Runtime;

/// <summary>A range of target memory.</summary>
/// <param name="Address">Its first byte.</param>
/// <param name="Length">How many bytes.</param>
public readonly record struct MemoryRange(ulong Address, int Length);
