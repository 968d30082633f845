namespace Dlvx.Plugins.RuntimeViews.Memory;

/// <summary>Delve's <c>RPCServer.Recorded</c> answer: true for a core dump (no trace directory) and for an rr replay.</summary>
public sealed class RecordedReply
{
    /// <summary>Whether the target is recorded rather than live.</summary>
    public bool Recorded { get; set; }

    /// <summary>rr's trace directory; empty for a core dump.</summary>
    public string TraceDirectory { get; set; } = "";
}
