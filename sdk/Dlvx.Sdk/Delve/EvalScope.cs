using System.Text.Json.Serialization;

namespace Dlvx.Sdk.Delve;

/// <summary>Where an expression is evaluated (Delve's <c>api.EvalScope</c>).</summary>
public sealed class EvalScope
{
    /// <summary>The selected goroutine and its topmost frame.</summary>
    public static EvalScope Current => new() { GoroutineId = -1 };

    /// <summary>Goroutine id; -1 means the selected goroutine.</summary>
    [JsonPropertyName("GoroutineID")]
    public long GoroutineId { get; set; } = -1;

    /// <summary>Frame number, 0 being the topmost.</summary>
    [JsonPropertyName("Frame")]
    public int Frame { get; set; }

    /// <summary>When above 0, the scope is the n-th deferred call of the frame.</summary>
    [JsonPropertyName("DeferredCall")]
    public int DeferredCall { get; set; }
}
