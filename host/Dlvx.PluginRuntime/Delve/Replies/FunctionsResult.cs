namespace Dlvx.PluginRuntime.Delve.Replies;

/// <summary>The result of RPCServer.ListFunctions (ListFunctionsOut).</summary>
internal sealed class FunctionsResult
{
    public IReadOnlyList<string>? Funcs { get; set; }
}
