using Dlvx.Sdk.Delve;

namespace Dlvx.Sdk.Runtime;

/// <summary>
/// A Go type of the target, as its debug information declares it: name, kind, size, and for
/// composite types what they are made of. Struct fields carry their own types; a pointer's, slice's
/// or map's element is named, and read when a value is followed (types can refer to themselves).
/// </summary>
public sealed class GoType
{
    /// <summary>Creates a type (the host learns them; tests and fakes build them by hand).</summary>
    /// <param name="name">The type's name, for example <c>main.item</c> or <c>[]*main.item</c>.</param>
    /// <param name="kind">The kind of its underlying type.</param>
    /// <param name="size">Its size in bytes.</param>
    /// <param name="fields">A struct's fields, in order; empty for other kinds.</param>
    /// <param name="elementTypeName">The element of a pointer, slice, array, channel or map (its value); empty otherwise.</param>
    /// <param name="keyTypeName">A map's key type; empty otherwise.</param>
    /// <param name="length">An array's length; 0 otherwise.</param>
    /// <param name="element">An array's element type (arrays hold their elements in place, so it is always known).</param>
    public GoType(string name, GoKind kind, ulong size, IReadOnlyList<GoTypeField>? fields = null, string elementTypeName = "", string keyTypeName = "", long length = 0, GoType? element = null)
    {
        Element = element;
        Name = name;
        Kind = kind;
        Size = size;
        Fields = fields ?? [];
        ElementTypeName = elementTypeName;
        KeyTypeName = keyTypeName;
        Length = length;
    }

    /// <summary>The type's name.</summary>
    public string Name { get; }

    /// <summary>The kind of its underlying type. Integers are <see cref="GoKind.Int"/> or <see cref="GoKind.Uint"/> whatever their width: <see cref="Size"/> tells it.</summary>
    public GoKind Kind { get; }

    /// <summary>Its size in bytes.</summary>
    public ulong Size { get; }

    /// <summary>A struct's fields, in order.</summary>
    public IReadOnlyList<GoTypeField> Fields { get; }

    /// <summary>The element type's name: a pointer's target, a slice's, array's or channel's element, a map's value.</summary>
    public string ElementTypeName { get; }

    /// <summary>A map's key type's name.</summary>
    public string KeyTypeName { get; }

    /// <summary>An array's element type.</summary>
    public GoType? Element { get; }

    /// <summary>An array's length.</summary>
    public long Length { get; }

    /// <summary>The named field of a struct, or <see langword="null"/>.</summary>
    public GoTypeField? FindField(string name) => Fields.FirstOrDefault(f => f.Name == name);

    /// <inheritdoc/>
    public override string ToString() => Name;
}
