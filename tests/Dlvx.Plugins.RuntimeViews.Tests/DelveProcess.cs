using System.Text.Json.Serialization;
using Dlvx.Sdk.Delve;

namespace Dlvx.Plugins.RuntimeViews.Tests;

/// <summary>The target's pid as Delve reports it (RPCServer.ProcessPid).</summary>
internal static class DelveProcess
{
    public static async Task<int> PidAsync(IDelveClient delve) => (await delve.CallAsync<ProcessPidReply>("RPCServer.ProcessPid", new { })).ProcessId;

    private sealed class ProcessPidReply
    {
        [JsonPropertyName("Pid")]
        public int ProcessId { get; set; }
    }
}
