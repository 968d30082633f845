namespace Dlvx.Plugins.RuntimeViews.Memory;

/// <summary>Delve's <c>RPCServer.ProcessPid</c> answer.</summary>
public sealed class ProcessPidReply
{
    /// <summary>The target's process id (for a core, the one it was dumped from).</summary>
    public int Pid { get; set; }
}
