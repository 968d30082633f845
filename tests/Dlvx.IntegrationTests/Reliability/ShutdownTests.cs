using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Dlvx.Host.Api;
using Dlvx.IntegrationTests.Infrastructure;
using Dlvx.Sdk.Testing;

namespace Dlvx.IntegrationTests.Reliability;

/// <summary>SIGTERM: in-flight requests answered or failed, persisted state flushed, the target treated as Delve would.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task SigtermAnswersInFlightCommandsFlushesPluginStateAndKillsTheLaunchedTarget()
    {
        var binary = await GoProgram.BuildAsync(TestPaths.BasicProgram);
        var flushed = Path.Combine(Path.GetTempPath(), $"dlvx-flush-{Guid.NewGuid():N}.txt");
        await using var dlvx = ChildProcess.Start(TestPaths.Dlvx, ["exec", binary, "--listen", "127.0.0.1:0", "--no-bundled-plugins", "--plugins", TestPaths.FaultyPlugin, "--command-timeout", "30"]);
        using var rpc = await JsonRpcTestClient.ConnectAsync(await dlvx.WaitForDlvxAddressAsync(TimeSpan.FromSeconds(60)));
        Assert.Null((await rpc.CallAsync(DlvxMethods.Run, new RunRequest("test-persist", [flushed]))).Error);
        var delvePid = BackendFaultTests.ChildPids(dlvx.Pid).Single(pid => BackendFaultTests.ProcessName(pid) == "dlv");
        var targetPid = BackendFaultTests.ChildPids(delvePid).Single();

        var inFlight = await rpc.SendAsync(DlvxMethods.Run, new RunRequest("fault-never"));
        await Task.Delay(300);
        await dlvx.StopAsync(TimeSpan.FromSeconds(20));

        var reply = await rpc.ReadResponseAsync(inFlight, TimeSpan.FromSeconds(10));
        Assert.Contains("shutting down", reply.Error, StringComparison.Ordinal);
        Assert.Equal(0, dlvx.ExitCode);
        Assert.Equal("flushed on shutdown", await File.ReadAllTextAsync(flushed));
        File.Delete(flushed);
        Assert.False(IsAlive(targetPid), "the target dlvx launched should be killed");
        Assert.False(IsAlive(delvePid), "dlv should have exited");
    }

    [Fact]
    public async Task SigtermLeavesAnAttachedTargetRunningAndDetached()
    {
        var binary = await GoProgram.BuildAsync(TestPaths.BasicProgram);
        using var target = Process.Start(new ProcessStartInfo(binary, "wait") { RedirectStandardOutput = true })!;
        try
        {
            await target.StandardOutput.ReadLineAsync(); // "basic: ready": past its own start-up
            await using var dlvx = ChildProcess.Start(TestPaths.Dlvx, ["attach", target.Id.ToString(CultureInfo.InvariantCulture), "--listen", "127.0.0.1:0", "--no-bundled-plugins", "--plugins", TestPaths.TargetInfoPlugin]);
            await dlvx.WaitForDlvxAddressAsync(TimeSpan.FromSeconds(60));
            await dlvx.StopAsync(TimeSpan.FromSeconds(20));
            Assert.Equal(0, dlvx.ExitCode);

            await Task.Delay(500);
            Assert.False(target.HasExited, "an attached target must be left running");
            var status = await File.ReadAllTextAsync($"/proc/{target.Id}/status");
            Assert.Matches(@"TracerPid:\s+0\b", status);
        }
        finally
        {
            target.Kill();
            await target.WaitForExitAsync();
        }
    }

    private static bool IsAlive(int pid) => File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
}
