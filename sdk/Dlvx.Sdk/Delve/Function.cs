using System.Text.Json.Serialization;

namespace Dlvx.Sdk.Delve;

/// <summary>A function of the target (Delve's <c>api.Function</c>).</summary>
public sealed class Function
{
    /// <summary>Fully qualified name, for example <c>main.worker</c>.</summary>
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    /// <summary>Entry point address.</summary>
    [JsonPropertyName("value")]
    public ulong Value { get; set; }

    /// <summary>Whether the function was compiled with optimisations.</summary>
    [JsonPropertyName("optimized")]
    public bool Optimized { get; set; }
}
