using Dlvx.Sdk.Delve;

namespace Dlvx.Plugins.HeapStats;

/// <summary>
/// Field offsets of a struct type, learned from one value Delve loaded shallowly: each field's
/// address minus the struct's. Learned once per type, then used to decode raw memory.
/// </summary>
internal sealed class FieldLayout
{
    private readonly Dictionary<string, Variable> fields;

    private FieldLayout(string typeName, Dictionary<string, Variable> fields, ulong structAddress)
    {
        TypeName = typeName;
        this.fields = fields;
        Address = structAddress;
    }

    /// <summary>The struct's Go type name.</summary>
    public string TypeName { get; }

    /// <summary>Where the sample value the layout was learned from lives.</summary>
    public ulong Address { get; }

    /// <summary>Learns the layout of a struct value that Delve loaded with its fields (addresses are enough).</summary>
    public static FieldLayout From(Variable structValue) =>
        new(structValue.Type, structValue.Children.Where(f => f.Name.Length > 0 && f.Name != "_").GroupBy(f => f.Name).ToDictionary(g => g.Key, g => g.First()), structValue.Addr);

    /// <summary>Names of the fields, in declaration order.</summary>
    public IEnumerable<string> FieldNames => fields.Keys;

    /// <summary>Byte offset of a field from the start of the struct.</summary>
    /// <exception cref="MissingRuntimeFieldException">The struct has no such field.</exception>
    public int Offset(string name) => (int)(Field(name).Addr - Address);

    /// <summary>The sample field as Delve loaded it (type, kind, length of arrays).</summary>
    public Variable Field(string name) =>
        fields.TryGetValue(name, out var field) ? field : throw new MissingRuntimeFieldException($"{TypeName}.{name}");
}
