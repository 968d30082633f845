using Dlvx.Sdk.Delve;

namespace Dlvx.PluginRuntime.Delve.Replies;

/// <summary>The result of RPCServer.ListFunctionArgs (ListFunctionArgsOut).</summary>
internal sealed class ArgsResult
{
    public IReadOnlyList<Variable>? Args { get; set; }
}
