using Dlvx.Sdk.Delve;

namespace Dlvx.PluginRuntime.Delve.Replies;

/// <summary>The result of RPCServer.ListBreakpoints (ListBreakpointsOut).</summary>
internal sealed class BreakpointsResult
{
    public IReadOnlyList<Breakpoint>? Breakpoints { get; set; }
}
