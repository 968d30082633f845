using Dlvx.Sdk.Delve;

namespace Dlvx.PluginRuntime.Delve.Replies;

/// <summary>The result of RPCServer.Eval (EvalOut).</summary>
internal sealed class EvalResult
{
    public Variable? Variable { get; set; }
}
