using Dlvx.Sdk.Delve;

namespace Dlvx.PluginRuntime.Delve.Replies;

/// <summary>The result of RPCServer.ListThreads (ListThreadsOut).</summary>
internal sealed class ThreadsResult
{
    public IReadOnlyList<TargetThread>? Threads { get; set; }
}
