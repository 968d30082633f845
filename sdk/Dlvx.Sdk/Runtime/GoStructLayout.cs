using Dlvx.Sdk.Delve;

namespace Dlvx.Sdk.Runtime;

/// <summary>A struct type of the target: its size and its fields' offsets, widths and types.</summary>
public sealed class GoStructLayout
{
    private readonly Dictionary<string, GoField> byName;

    /// <summary>Creates a layout (the host learns them; tests and fakes build them by hand).</summary>
    /// <param name="name">The type's full name.</param>
    /// <param name="size">Its size in bytes.</param>
    /// <param name="fields">Its fields in declaration order.</param>
    /// <param name="goVersion">The target's Go release, for messages about missing fields.</param>
    public GoStructLayout(string name, ulong size, IReadOnlyList<GoField> fields, string goVersion = "")
    {
        ArgumentNullException.ThrowIfNull(fields);
        Name = name;
        Size = size;
        Fields = fields;
        GoVersion = goVersion;
        byName = new Dictionary<string, GoField>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            byName.TryAdd(field.Name, field);
        }
    }

    /// <summary>The type's full name, for example <c>runtime.mspan</c>.</summary>
    public string Name { get; }

    /// <summary>The type's size in bytes.</summary>
    public ulong Size { get; }

    /// <summary>The fields in declaration order (blank <c>_</c> fields included).</summary>
    public IReadOnlyList<GoField> Fields { get; }

    /// <summary>The Go release of the target the layout was learned from, for messages.</summary>
    public string GoVersion { get; }

    /// <summary>Whether the struct has a field of that name.</summary>
    public bool Has(string fieldName) => byName.ContainsKey(fieldName);

    /// <summary>The named field, or <see langword="null"/>.</summary>
    public GoField? Find(string fieldName) => byName.GetValueOrDefault(fieldName);

    /// <summary>The named field.</summary>
    /// <exception cref="RuntimeLayoutException">The struct has no such field; the message names it and the Go release.</exception>
    public GoField Field(string fieldName) =>
        byName.TryGetValue(fieldName, out var field) ? field : throw RuntimeLayoutException.Missing($"{Name}.{fieldName}", GoVersion);

    /// <summary>The first of several alternative field names the struct has (a field renamed between Go releases).</summary>
    /// <exception cref="RuntimeLayoutException">The struct has none of them.</exception>
    public GoField FieldOf(params string[] fieldNames)
    {
        ArgumentNullException.ThrowIfNull(fieldNames);
        foreach (var name in fieldNames)
        {
            if (byName.TryGetValue(name, out var field))
            {
                return field;
            }
        }

        throw RuntimeLayoutException.Missing($"{Name}.{string.Join(" or ", fieldNames)}", GoVersion);
    }

    /// <summary>Whether the named field exists and has the given kind.</summary>
    public bool Has(string fieldName, GoKind kind) => byName.TryGetValue(fieldName, out var field) && field.Kind == kind;

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({Size} bytes, {Fields.Count} fields)";
}
