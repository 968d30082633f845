using System.Buffers.Binary;
using Dlvx.Sdk.Delve;

namespace Dlvx.Sdk.Runtime;

/// <summary>One field of a struct, as the target's debug information lays it out.</summary>
/// <param name="Name">The field's name.</param>
/// <param name="Offset">Its byte offset from the start of the struct.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="TypeName">Its Go type, for example <c>uint16</c> or <c>*runtime.gcBits</c>.</param>
/// <param name="Kind">The kind of its underlying type. Delve reports integers by signedness only
/// (<see cref="GoKind.Int"/> or <see cref="GoKind.Uint"/> whatever their width): use <paramref name="Size"/> for the width.</param>
public sealed record GoField(string Name, ulong Offset, ulong Size, string TypeName, GoKind Kind)
{
    /// <summary>
    /// Reads the field as an unsigned integer from a copy of the struct's bytes, with the field's own
    /// width (1, 2, 4 or 8 bytes), so a field that was widened or narrowed between Go releases reads right.
    /// </summary>
    /// <param name="structBytes">The struct's bytes, starting at its first byte.</param>
    /// <exception cref="RuntimeLayoutException">The field is not a 1, 2, 4 or 8-byte scalar, or the bytes are too short.</exception>
    public ulong Read(ReadOnlySpan<byte> structBytes)
    {
        if (Offset + Size > (ulong)structBytes.Length)
        {
            throw new RuntimeLayoutException($"{Name} lies at bytes {Offset}..{Offset + Size} but only {structBytes.Length} were read");
        }

        var bytes = structBytes.Slice((int)Offset, (int)Size);
        return Size switch
        {
            1 => bytes[0],
            2 => BinaryPrimitives.ReadUInt16LittleEndian(bytes),
            4 => BinaryPrimitives.ReadUInt32LittleEndian(bytes),
            8 => BinaryPrimitives.ReadUInt64LittleEndian(bytes),
            _ => throw new RuntimeLayoutException($"{Name} ({TypeName}) is {Size} bytes wide, not a scalar that can be read as a number"),
        };
    }

    /// <summary>Reads the field as a signed integer (sign-extended from its own width).</summary>
    /// <param name="structBytes">The struct's bytes, starting at its first byte.</param>
    public long ReadSigned(ReadOnlySpan<byte> structBytes)
    {
        var value = Read(structBytes);
        var bits = (int)Size * 8;
        return bits == 64 ? (long)value : (long)(value << (64 - bits)) >> (64 - bits);
    }
}
