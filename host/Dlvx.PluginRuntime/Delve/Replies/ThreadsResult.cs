using Dlvx.Sdk.Delve;
using Thread = Dlvx.Sdk.Delve.Thread;

namespace Dlvx.PluginRuntime.Delve.Replies;

/// <summary>The result of RPCServer.ListThreads (ListThreadsOut).</summary>
internal sealed class ThreadsResult
{
    public IReadOnlyList<Thread>? Threads { get; set; }
}
