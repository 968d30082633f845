using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dlvx.Host.Api;
using Dlvx.IntegrationTests.Infrastructure;
using Dlvx.Sdk.Testing;

namespace Dlvx.IntegrationTests.RuntimeViews;

/// <summary>
/// memory-map where the target's process is not on this machine as Delve names it: Delve runs in its
/// own pid namespace (as on another machine or in a container), so the pid it reports names another
/// process here, or none. memory-map must refuse in one line saying why, and commands that read the
/// target through Delve must still work.
/// </summary>
public sealed partial class MemoryMapSourceTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [RootFact("unshare")]
    public async Task A_Delve_in_another_pid_namespace_gets_a_one_line_refusal()
    {
        var binary = await GoProgram.BuildAsync(TestPaths.RuntimeViewsProgram);
        // --kill-child: stopping unshare (by its pid) kills dlv, and with it the namespace and the target.
        await using var delve = ChildProcess.Start("unshare", ["--pid", "--fork", "--kill-child", "--mount-proc", "dlv", "exec", binary, "--headless", "--listen=127.0.0.1:0", "--api-version=2", "--accept-multiclient"]);
        var backend = (await delve.WaitForOutputAsync(DelveListening(), Patience)).Groups["addr"].Value;
        await using var proxy = ChildProcess.Start(TestPaths.Dlvx, ["proxy", "--backend", backend, "--listen", "127.0.0.1:0", "--no-bundled-plugins", "--plugins", TestPaths.RuntimeViewsPlugin]);
        using var client = await JsonRpcTestClient.ConnectAsync(await proxy.WaitForDlvxAddressAsync(Patience));
        (await client.CallAsync("RPCServer.CreateBreakpoint", new JsonObject { ["Breakpoint"] = new JsonObject { ["functionName"] = "main.stop" } })).Result();
        (await client.CallAsync("RPCServer.Command", new JsonObject { ["name"] = "continue" }, Patience)).Result();

        var refused = await client.CallAsync(DlvxMethods.Run, new RunRequest("memory-map", []), Patience);
        Assert.NotNull(refused.Error);
        Assert.Matches("(is not Delve's target|is not a process on this machine).*run dlvx (on the machine )?where the target runs", refused.Error);
        Assert.DoesNotContain('\n', refused.Error!.Trim());

        var sched = await client.CallAsync(DlvxMethods.Run, new RunRequest("sched-stats", []), Patience);
        Assert.Equal(3, sched.Result()["Data"]!["GoMaxProcs"]!.GetValue<int>());
    }

    [GeneratedRegex(@"API server listening at: (?<addr>\S+)")]
    private static partial Regex DelveListening();
}
