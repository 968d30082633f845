namespace Dlvx.PluginRuntime.Delve.Replies;

/// <summary>The result of RPCServer.ListTypes (ListTypesOut).</summary>
internal sealed class TypesResult
{
    public IReadOnlyList<string>? Types { get; set; }
}
