using Dlvx.Sdk.Delve;

namespace Dlvx.PluginRuntime.Delve.Replies;

/// <summary>The result of RPCServer.CreateBreakpoint and ClearBreakpoint (CreateBreakpointOut, ClearBreakpointOut).</summary>
internal sealed class BreakpointResult
{
    public Breakpoint? Breakpoint { get; set; }
}
