namespace Dlvx.Sdk.Delve;

/// <summary>Bytes read from the target's memory.</summary>
/// <param name="Address">Where the bytes start.</param>
/// <param name="Bytes">The bytes.</param>
/// <param name="IsLittleEndian">The target's byte order.</param>
public sealed record MemoryBlock(ulong Address, ReadOnlyMemory<byte> Bytes, bool IsLittleEndian);
