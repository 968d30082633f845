using Dlvx.Sdk.Delve;

namespace Dlvx.PluginRuntime.Delve.Replies;

/// <summary>The result of RPCServer.Stacktrace (StacktraceOut).</summary>
internal sealed class StacktraceResult
{
    public IReadOnlyList<Stackframe>? Locations { get; set; }
}
