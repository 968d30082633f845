using System.Text.Json.Serialization;

namespace Dlvx.Sdk.Delve;

/// <summary>A breakpoint (Delve's <c>api.Breakpoint</c>).</summary>
public sealed class Breakpoint
{
    /// <summary>Breakpoint id; 0 when creating one lets Delve choose.</summary>
    [JsonPropertyName("id")]
    public int Id { get; set; }

    /// <summary>Optional user-given name.</summary>
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    /// <summary>Address.</summary>
    [JsonPropertyName("addr")]
    public ulong Addr { get; set; }

    /// <summary>Source file.</summary>
    [JsonPropertyName("file")]
    public string File { get; set; } = "";

    /// <summary>Source line.</summary>
    [JsonPropertyName("line")]
    public int Line { get; set; }

    /// <summary>Function name; set it (alone) to break on a function's entry.</summary>
    [JsonPropertyName("functionName")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? FunctionName { get; set; }

    /// <summary>Condition expression.</summary>
    [JsonPropertyName("Cond")]
    public string Cond { get; set; } = "";

    /// <summary>Hit-count condition, for example <c>&gt; 3</c>.</summary>
    [JsonPropertyName("HitCond")]
    public string HitCond { get; set; } = "";

    /// <summary>Hits per goroutine id.</summary>
    [JsonPropertyName("hitCount")]
    public IReadOnlyDictionary<string, ulong>? HitCount { get; set; }

    /// <summary>Total hits.</summary>
    [JsonPropertyName("totalHitCount")]
    public ulong TotalHitCount { get; set; }

    /// <summary>Whether the breakpoint is disabled.</summary>
    [JsonPropertyName("disabled")]
    public bool Disabled { get; set; }
}
