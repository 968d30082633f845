using Dlvx.Sdk.Delve;

namespace Dlvx.PluginRuntime.Delve.Replies;

/// <summary>The result of RPCServer.ListPackageVars and ListLocalVars (ListPackageVarsOut, ListLocalVarsOut).</summary>
internal sealed class VariablesResult
{
    public IReadOnlyList<Variable>? Variables { get; set; }
}
