using System.Buffers.Binary;

namespace Dlvx.PluginRuntime.GoRuntime.Heap;

/// <summary>The cached bytes of an object (or root variable), from its first data byte.</summary>
/// <param name="Buffer">The cache block or copy holding them.</param>
/// <param name="Offset">Where the data starts in <paramref name="Buffer"/>.</param>
/// <param name="Length">How many bytes are there.</param>
/// <param name="Address">The target address of the first data byte.</param>
internal readonly record struct ObjectBytes(byte[] Buffer, int Offset, int Length, ulong Address)
{
    /// <summary>The word at <paramref name="at"/> bytes from the start, or 0 past the end.</summary>
    public ulong Word(long at) =>
        at >= 0 && at + 8 <= Length ? BinaryPrimitives.ReadUInt64LittleEndian(Buffer.AsSpan(Offset + (int)at, 8)) : 0;

    /// <summary>The byte at <paramref name="at"/>, or 0 past the end.</summary>
    public byte Byte(long at) => at >= 0 && at < Length ? Buffer[Offset + (int)at] : (byte)0;
}
