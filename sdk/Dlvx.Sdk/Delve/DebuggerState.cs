using System.Text.Json.Serialization;

namespace Dlvx.Sdk.Delve;

/// <summary>The debugger's state (Delve's <c>api.DebuggerState</c>).</summary>
public sealed class DebuggerState
{
    /// <summary>Process id of the target.</summary>
    [JsonPropertyName("Pid")]
    public int Pid { get; set; }

    /// <summary>Whether the target is running (nothing else can be read until it stops).</summary>
    [JsonPropertyName("Running")]
    public bool Running { get; set; }

    /// <summary>Whether the target is being recorded.</summary>
    [JsonPropertyName("Recording")]
    public bool Recording { get; set; }

    /// <summary>Whether a core dump is being written.</summary>
    [JsonPropertyName("CoreDumping")]
    public bool CoreDumping { get; set; }

    /// <summary>The selected thread.</summary>
    [JsonPropertyName("currentThread")]
    public TargetThread? CurrentThread { get; set; }

    /// <summary>The selected goroutine.</summary>
    [JsonPropertyName("currentGoroutine")]
    public Goroutine? SelectedGoroutine { get; set; }

    /// <summary>Every thread of the target.</summary>
    [JsonPropertyName("Threads")]
    public IReadOnlyList<TargetThread>? Threads { get; set; }

    /// <summary>Whether a next or step was interrupted and waits to complete.</summary>
    [JsonPropertyName("NextInProgress")]
    public bool NextInProgress { get; set; }

    /// <summary>Whether the target has exited.</summary>
    [JsonPropertyName("exited")]
    public bool Exited { get; set; }

    /// <summary>The exit status, when <see cref="Exited"/>.</summary>
    [JsonPropertyName("exitStatus")]
    public int ExitStatus { get; set; }
}
