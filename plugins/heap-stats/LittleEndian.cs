using System.Buffers.Binary;

namespace Dlvx.Plugins.HeapStats;

/// <summary>Decodes target integers from raw memory (heap-stats supports little-endian targets only, like Go's amd64 and arm64).</summary>
internal static class LittleEndian
{
    public static ulong UInt64(ReadOnlySpan<byte> bytes, int offset) => BinaryPrimitives.ReadUInt64LittleEndian(bytes[offset..]);

    public static ushort UInt16(ReadOnlySpan<byte> bytes, int offset) => BinaryPrimitives.ReadUInt16LittleEndian(bytes[offset..]);
}
