using Dlvx.Sdk.Delve;

namespace Dlvx.PluginRuntime.Delve.Replies;

/// <summary>The result of RPCServer.State and RPCServer.Command (Delve's StateOut, CommandOut).</summary>
internal sealed class StateResult
{
    public DebuggerState? State { get; set; }
}
