using System.Text.Json.Serialization;

namespace Dlvx.Sdk.Delve;

/// <summary>The debugger's state (Delve's <c>api.DebuggerState</c>).</summary>
public sealed class DebuggerState
{
    /// <summary>Process id of the target.</summary>
    public int Pid { get; set; }

    /// <summary>Whether the target is running (nothing else can be read until it stops).</summary>
    public bool Running { get; set; }

    /// <summary>Whether the target is being recorded.</summary>
    public bool Recording { get; set; }

    /// <summary>Whether a core dump is being written.</summary>
    public bool CoreDumping { get; set; }

    /// <summary>The selected thread.</summary>
    [JsonPropertyName("currentThread")]
    public Thread? CurrentThread { get; set; }

    /// <summary>The selected goroutine.</summary>
    [JsonPropertyName("currentGoroutine")]
    public Goroutine? SelectedGoroutine { get; set; }

    /// <summary>Every thread of the target.</summary>
    public IReadOnlyList<Thread>? Threads { get; set; }

    /// <summary>Whether a next or step was interrupted and waits to complete.</summary>
    public bool NextInProgress { get; set; }

    /// <summary>Whether the target has exited.</summary>
    [JsonPropertyName("exited")]
    public bool Exited { get; set; }

    /// <summary>The exit status, when <see cref="Exited"/>.</summary>
    [JsonPropertyName("exitStatus")]
    public int ExitStatus { get; set; }
}
