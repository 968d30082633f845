using System.Text.Json.Serialization;

namespace Dlvx.Sdk.Delve;

/// <summary>How much of a value Delve reads (Delve's <c>api.LoadConfig</c>).</summary>
/// <remarks>A new instance holds Delve's own defaults for a null configuration.</remarks>
public sealed class LoadConfig
{
    /// <summary>
    /// A value's own fields and scalars, and nothing behind them: no pointer followed, no string,
    /// array or slice contents. The usual choice for reading runtime structures field by field.
    /// A new instance each time, so a caller may change it.
    /// </summary>
    public static LoadConfig Shallow => new() { FollowPointers = false, MaxVariableRecurse = 0, MaxStringLen = 0, MaxArrayValues = 0, MaxStructFields = -1 };

    /// <summary>
    /// Only a value's address, type and kind: no fields, no contents. For finding where variables
    /// are (roots of a heap walk) without paying for reading them. A new instance each time.
    /// </summary>
    public static LoadConfig AddressOnly => new() { FollowPointers = false, MaxVariableRecurse = 0, MaxStringLen = 0, MaxArrayValues = 0, MaxStructFields = 0 };

    /// <summary>Whether pointers are followed.</summary>
    [JsonPropertyName("FollowPointers")]
    public bool FollowPointers { get; set; } = true;

    /// <summary>How deep nested values are read.</summary>
    [JsonPropertyName("MaxVariableRecurse")]
    public int MaxVariableRecurse { get; set; } = 1;

    /// <summary>Longest string read, in bytes.</summary>
    [JsonPropertyName("MaxStringLen")]
    public int MaxStringLen { get; set; } = 64;

    /// <summary>Most elements read from an array, slice or map.</summary>
    [JsonPropertyName("MaxArrayValues")]
    public int MaxArrayValues { get; set; } = 64;

    /// <summary>Most struct fields read; -1 reads all.</summary>
    [JsonPropertyName("MaxStructFields")]
    public int MaxStructFields { get; set; } = -1;
}
