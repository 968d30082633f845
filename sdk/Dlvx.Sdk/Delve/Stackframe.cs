using System.Text.Json.Serialization;

namespace Dlvx.Sdk.Delve;

/// <summary>A stack frame (Delve's <c>api.Stackframe</c>).</summary>
public sealed class Stackframe
{
    /// <summary>Program counter.</summary>
    [JsonPropertyName("pc")]
    public ulong Pc { get; set; }

    /// <summary>Source file.</summary>
    [JsonPropertyName("file")]
    public string File { get; set; } = "";

    /// <summary>Source line.</summary>
    [JsonPropertyName("line")]
    public int Line { get; set; }

    /// <summary>The frame's function.</summary>
    [JsonPropertyName("function")]
    public Function? Function { get; set; }

    /// <summary>Local variables, when requested with <c>full</c>.</summary>
    [JsonPropertyName("Locals")]
    public IReadOnlyList<Variable>? Locals { get; set; }

    /// <summary>Arguments, when requested with <c>full</c>.</summary>
    [JsonPropertyName("Arguments")]
    public IReadOnlyList<Variable>? Arguments { get; set; }

    /// <summary>Offset of the frame from the stack's base.</summary>
    [JsonPropertyName("FrameOffset")]
    public long FrameOffset { get; set; }

    /// <summary>Offset of the frame pointer.</summary>
    [JsonPropertyName("FramePointerOffset")]
    public long FramePointerOffset { get; set; }

    /// <summary>Whether this is the bottom frame of the stack.</summary>
    [JsonPropertyName("Bottom")]
    public bool Bottom { get; set; }

    /// <summary>Error reading this frame, if any.</summary>
    [JsonPropertyName("Err")]
    public string Err { get; set; } = "";
}
