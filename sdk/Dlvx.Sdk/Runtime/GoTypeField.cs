namespace Dlvx.Sdk.Runtime;

/// <summary>A struct field: its name, where it is and what it is.</summary>
/// <param name="Name">The field's name (an embedded field is named after its type).</param>
/// <param name="Offset">Its byte offset in the struct.</param>
/// <param name="Type">Its type.</param>
public sealed record GoTypeField(string Name, ulong Offset, GoType Type);
