using System.Text.Json.Serialization;

namespace Dlvx.Sdk.Delve;

/// <summary>An OS thread of the target (Delve's <c>api.Thread</c>; named so as not to hide <see cref="System.Threading.Thread"/>).</summary>
public sealed class TargetThread
{
    /// <summary>Thread id.</summary>
    [JsonPropertyName("id")]
    public int Id { get; set; }

    /// <summary>Program counter.</summary>
    [JsonPropertyName("pc")]
    public ulong Pc { get; set; }

    /// <summary>Source file.</summary>
    [JsonPropertyName("file")]
    public string File { get; set; } = "";

    /// <summary>Source line.</summary>
    [JsonPropertyName("line")]
    public int Line { get; set; }

    /// <summary>Current function.</summary>
    [JsonPropertyName("function")]
    public Function? Function { get; set; }

    /// <summary>The goroutine running on the thread, or 0.</summary>
    [JsonPropertyName("goroutineID")]
    public long GoroutineId { get; set; }

    /// <summary>The breakpoint the thread stopped at, if any.</summary>
    [JsonPropertyName("breakPoint")]
    public Breakpoint? Breakpoint { get; set; }
}
