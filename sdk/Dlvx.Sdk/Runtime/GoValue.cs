using System.Buffers.Binary;
using System.Text;
using Dlvx.Sdk.Delve;

namespace Dlvx.Sdk.Runtime;

/// <summary>
/// A typed value of the stopped target: its type, where it lives and its bytes. Fields and array
/// elements are values too; numbers, booleans and pointers come out as .NET values, decoded with the
/// type's own width. Following a pointer, reading a string's bytes or a slice's elements reads
/// target memory, so those are asynchronous. Get values from <see cref="IGoValues"/>.
/// </summary>
public sealed class GoValue
{
    private readonly ReadOnlyMemory<byte> bytes;
    private readonly IGoValues values;
    private readonly ITargetMemory memory;

    /// <summary>Creates a value over bytes already read (the host does; tests and fakes may).</summary>
    /// <param name="type">Its type.</param>
    /// <param name="address">Where it lives in the target.</param>
    /// <param name="bytes">Its bytes, <paramref name="type"/>'s size of them.</param>
    /// <param name="values">Where to read what it refers to.</param>
    /// <param name="memory">Where to read strings and elements from.</param>
    public GoValue(GoType type, ulong address, ReadOnlyMemory<byte> bytes, IGoValues values, ITargetMemory memory)
    {
        ArgumentNullException.ThrowIfNull(type);
        Type = type;
        Address = address;
        this.bytes = bytes;
        this.values = values;
        this.memory = memory;
    }

    /// <summary>Its type.</summary>
    public GoType Type { get; }

    /// <summary>Where it lives.</summary>
    public ulong Address { get; }

    /// <summary>Its raw bytes.</summary>
    public ReadOnlyMemory<byte> Bytes => bytes;

    /// <summary>A struct field, by name.</summary>
    /// <exception cref="GoValueException">It is not a struct, or has no such field.</exception>
    public GoValue this[string field] => Field(field);

    /// <summary>An element of an array held in place (for a slice's elements, see <see cref="ReadElementsAsync"/>).</summary>
    /// <exception cref="GoValueException">It is not an array, or the index is out of range.</exception>
    public GoValue this[int index] => Element(index);

    /// <summary>Whether it is a pointer, map, channel, function, slice or interface holding nothing.</summary>
    public bool IsNil => Type.Kind switch
    {
        GoKind.Pointer or GoKind.UnsafePointer or GoKind.Map or GoKind.Chan or GoKind.Func or GoKind.Slice or GoKind.Interface => Word(Type.Kind == GoKind.Interface ? 8 : 0) == 0,
        _ => false,
    };

    /// <summary>The address a pointer, map, channel or function value holds (for a map, its header; for a channel, its hchan).</summary>
    /// <exception cref="GoValueException">It is not pointer-shaped.</exception>
    public ulong Pointer => Type.Kind is GoKind.Pointer or GoKind.UnsafePointer or GoKind.Map or GoKind.Chan or GoKind.Func
        ? Word(0)
        : throw new GoValueException($"{Type.Name} is not a pointer");

    /// <summary>A string's or slice's length (from its header), or an array's.</summary>
    public long Length => Type.Kind switch
    {
        GoKind.String or GoKind.Slice => (long)Word(8),
        GoKind.Array => Type.Length,
        _ => throw new GoValueException($"{Type.Name} has no length"),
    };

    /// <summary>A slice's capacity.</summary>
    public long Capacity => Type.Kind == GoKind.Slice ? (long)Word(16) : throw new GoValueException($"{Type.Name} is not a slice");

    /// <summary>The named field of a struct.</summary>
    /// <exception cref="GoValueException">It is not a struct, or has no such field.</exception>
    public GoValue Field(string name)
    {
        var field = Type.Kind == GoKind.Struct ? Type.FindField(name) : null;
        if (field is null)
        {
            throw new GoValueException(Type.Kind == GoKind.Struct ? $"{Type.Name} has no field {name}" : $"{Type.Name} is not a struct (field {name})");
        }

        return Slice(field.Type, field.Offset);
    }

    /// <summary>Whether it is a struct with a field of that name.</summary>
    public bool HasField(string name) => Type.FindField(name) is not null;

    /// <summary>An element of an array held in place.</summary>
    /// <exception cref="GoValueException">It is not an array, or the index is out of range.</exception>
    public GoValue Element(int index)
    {
        if (Type.Kind != GoKind.Array || Type.Element is not { } element)
        {
            throw new GoValueException($"{Type.Name} is not an array");
        }

        if (index < 0 || index >= Type.Length)
        {
            throw new GoValueException($"index {index} is out of range for {Type.Name}");
        }

        return Slice(element, (ulong)index * element.Size);
    }

    /// <summary>The value as an unsigned integer, decoded with the type's width (a pointer-shaped value gives its address; a bool 0 or 1).</summary>
    /// <exception cref="GoValueException">It is not a scalar of 1, 2, 4 or 8 bytes.</exception>
    public ulong ToUInt64() => Type.Kind switch
    {
        GoKind.Bool or GoKind.Int or GoKind.Int8 or GoKind.Int16 or GoKind.Int32 or GoKind.Int64
            or GoKind.Uint or GoKind.Uint8 or GoKind.Uint16 or GoKind.Uint32 or GoKind.Uint64 or GoKind.Uintptr
            or GoKind.Pointer or GoKind.UnsafePointer or GoKind.Map or GoKind.Chan or GoKind.Func => Scalar(),
        _ => throw new GoValueException($"{Type.Name} is not an integer"),
    };

    /// <summary>The value as a signed integer, sign-extended from the type's width.</summary>
    public long ToInt64()
    {
        var value = ToUInt64();
        var bits = (int)Type.Size * 8;
        return bits >= 64 ? (long)value : (long)(value << (64 - bits)) >> (64 - bits);
    }

    /// <summary>The value as a boolean.</summary>
    public bool ToBoolean() => Type.Kind == GoKind.Bool ? Scalar() != 0 : throw new GoValueException($"{Type.Name} is not a bool");

    /// <summary>The value as a floating-point number (float32 or float64).</summary>
    public double ToDouble() => Type.Kind is GoKind.Float32 or GoKind.Float64 && Type.Size is 4 or 8
        ? Type.Size == 4 ? BinaryPrimitives.ReadSingleLittleEndian(bytes.Span) : BinaryPrimitives.ReadDoubleLittleEndian(bytes.Span)
        : throw new GoValueException($"{Type.Name} is not a float");

    /// <summary>Follows a pointer to the value it points to.</summary>
    /// <exception cref="GoValueException">It is not a pointer, or it is nil.</exception>
    public Task<GoValue> DereferenceAsync(CancellationToken cancellationToken = default)
    {
        if (Type.Kind != GoKind.Pointer || Type.ElementTypeName.Length == 0)
        {
            throw new GoValueException($"{Type.Name} is not a typed pointer");
        }

        var target = Word(0);
        return target == 0 ? throw new GoValueException($"nil {Type.Name} dereferenced") : values.ReadAsync(Type.ElementTypeName, target, cancellationToken);
    }

    /// <summary>Reads a string's bytes, at most <paramref name="maxBytes"/> of them, as UTF-8.</summary>
    public async Task<string> ReadStringAsync(int maxBytes = 1 << 20, CancellationToken cancellationToken = default)
    {
        if (Type.Kind != GoKind.String)
        {
            throw new GoValueException($"{Type.Name} is not a string");
        }

        var length = (int)Math.Min(Length, maxBytes);
        return length == 0 ? "" : Encoding.UTF8.GetString(await memory.ReadAsync(Word(0), length, cancellationToken));
    }

    /// <summary>Reads a slice's elements (at most <paramref name="max"/>), in one batch.</summary>
    public async Task<IReadOnlyList<GoValue>> ReadElementsAsync(int max = int.MaxValue, CancellationToken cancellationToken = default)
    {
        if (Type.Kind != GoKind.Slice)
        {
            return Type.Kind == GoKind.Array ? Enumerable.Range(0, (int)Math.Min(Type.Length, max)).Select(Element).ToList() : throw new GoValueException($"{Type.Name} is not a slice");
        }

        var element = await values.TypeAsync(Type.ElementTypeName, cancellationToken);
        var count = (int)Math.Min(Length, max);
        var data = Word(0);
        return await values.ReadManyAsync(element.Name, Enumerable.Range(0, count).Select(i => data + ((ulong)i * element.Size)).ToList(), cancellationToken);
    }

    /// <summary>The concrete value an interface holds, or <see langword="null"/> when it is nil.</summary>
    public Task<GoValue?> DynamicAsync(CancellationToken cancellationToken = default) =>
        Type.Kind == GoKind.Interface ? values.DynamicValueAsync(this, cancellationToken) : throw new GoValueException($"{Type.Name} is not an interface");

    /// <summary>The same memory read as another type (a cast at the value's address).</summary>
    public Task<GoValue> CastAsync(string typeName, CancellationToken cancellationToken = default) => values.ReadAsync(typeName, Address, cancellationToken);

    /// <inheritdoc/>
    public override string ToString() => $"{Type.Name} at 0x{Address:x}";

    private GoValue Slice(GoType type, ulong offset)
    {
        if (offset + type.Size > (ulong)bytes.Length)
        {
            throw new GoValueException($"{type.Name} at offset {offset} lies outside the {bytes.Length} bytes read of {Type.Name}");
        }

        return new GoValue(type, Address + offset, bytes.Slice((int)offset, (int)type.Size), values, memory);
    }

    private ulong Word(int offset) => offset + 8 <= bytes.Length ? BinaryPrimitives.ReadUInt64LittleEndian(bytes.Span[offset..]) : 0;

    private ulong Scalar() => Type.Size switch
    {
        1 => bytes.Span[0],
        2 => BinaryPrimitives.ReadUInt16LittleEndian(bytes.Span),
        4 => BinaryPrimitives.ReadUInt32LittleEndian(bytes.Span),
        8 => BinaryPrimitives.ReadUInt64LittleEndian(bytes.Span),
        _ => throw new GoValueException($"{Type.Name} is {Type.Size} bytes wide, not a scalar"),
    };
}
