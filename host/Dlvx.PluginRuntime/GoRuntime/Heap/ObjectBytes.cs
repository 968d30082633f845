using System.Buffers.Binary;

namespace Dlvx.PluginRuntime.GoRuntime.Heap;

/// <summary>
/// The cached bytes of an object (or root variable), from its first data byte, or a window of them:
/// a large object is scanned a megabyte at a time, and a window holds only the data bytes from
/// <see cref="Start"/> up to <paramref name="Length"/>.
/// </summary>
/// <param name="Buffer">The cache block or copy holding them.</param>
/// <param name="Offset">Where data byte <see cref="Start"/> is in <paramref name="Buffer"/>.</param>
/// <param name="Length">Where the bytes held end, counted from the first data byte.</param>
/// <param name="Address">The target address of the first data byte.</param>
internal readonly record struct ObjectBytes(byte[] Buffer, int Offset, int Length, ulong Address)
{
    /// <summary>The first data byte held: 0 unless this is a window of a large object.</summary>
    public long Start { get; init; }

    /// <summary>The word at <paramref name="at"/> bytes from the first data byte, or 0 outside the bytes held.</summary>
    public ulong Word(long at) =>
        at >= Start && at + 8 <= Length ? BinaryPrimitives.ReadUInt64LittleEndian(Buffer.AsSpan(Offset + (int)(at - Start), 8)) : 0;

    /// <summary>The byte at <paramref name="at"/>, or 0 outside the bytes held.</summary>
    public byte Byte(long at) => at >= Start && at < Length ? Buffer[Offset + (int)(at - Start)] : (byte)0;

    /// <summary>The bytes held, from <see cref="Start"/>.</summary>
    public ReadOnlySpan<byte> Held => Buffer.AsSpan(Offset, (int)(Length - Start));
}
