using System.Text.Json.Serialization;

namespace Dlvx.Sdk.Delve;

/// <summary>A value read from the target (Delve's <c>api.Variable</c>).</summary>
public sealed class Variable
{
    /// <summary>Name (empty for an evaluated expression's children of some kinds).</summary>
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    /// <summary>Address of the value in the target.</summary>
    [JsonPropertyName("addr")]
    public ulong Addr { get; set; }

    /// <summary>Whether only the address was read.</summary>
    [JsonPropertyName("onlyAddr")]
    public bool OnlyAddr { get; set; }

    /// <summary>Go type name.</summary>
    [JsonPropertyName("type")]
    public string Type { get; set; } = "";

    /// <summary>Underlying type name.</summary>
    [JsonPropertyName("realType")]
    public string RealType { get; set; } = "";

    /// <summary>Delve's variable flags.</summary>
    [JsonPropertyName("flags")]
    public int Flags { get; set; }

    /// <summary>The value's kind.</summary>
    [JsonPropertyName("kind")]
    public GoKind Kind { get; set; }

    /// <summary>The value of a scalar or string, as text.</summary>
    [JsonPropertyName("value")]
    public string Value { get; set; } = "";

    /// <summary>Length of a string, slice, array or map; for a struct, its number of fields.</summary>
    /// <remarks>
    /// Not a channel's length: Delve loads a channel as the runtime's <c>hchan</c> struct it points to, so
    /// <see cref="Len"/> is the number of hchan's fields (11 on Go 1.19, whatever the channel holds),
    /// <see cref="Children"/> are those fields, and <see cref="Cap"/> is 0. A channel's length and capacity
    /// are hchan's <c>qcount</c> and <c>dataqsiz</c>: read them with <see cref="Runtime.IGoValues"/>, e.g.
    /// <c>var ch = await values.EvalAsync("main.jobs"); var hchan = await values.ReadAsync("runtime.hchan", ch.Pointer);</c>
    /// then <c>hchan["qcount"].ToUInt64()</c> and <c>hchan["dataqsiz"].ToUInt64()</c> (see <see cref="Runtime.GoValue"/>).
    /// </remarks>
    [JsonPropertyName("len")]
    public long Len { get; set; }

    /// <summary>Capacity of a slice. Always 0 for a channel: see <see cref="Len"/> for a channel's length and capacity.</summary>
    [JsonPropertyName("cap")]
    public long Cap { get; set; }

    /// <summary>Fields, elements, pointee or map entries (keys and values interleaved).</summary>
    [JsonPropertyName("children")]
    public IReadOnlyList<Variable> Children { get; set; } = [];

    /// <summary>Address of the data of a slice, string or map.</summary>
    [JsonPropertyName("base")]
    public ulong Base { get; set; }

    /// <summary>Why the value could not be read, if it could not.</summary>
    [JsonPropertyName("unreadable")]
    public string Unreadable { get; set; } = "";

    /// <summary>Finds a direct child by name, or returns <see langword="null"/>.</summary>
    /// <param name="name">The field name.</param>
    public Variable? Child(string name)
    {
        foreach (var child in Children)
        {
            if (child.Name == name)
            {
                return child;
            }
        }

        return null;
    }
}
