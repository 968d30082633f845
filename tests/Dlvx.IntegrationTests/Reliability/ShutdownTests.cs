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
        // dlvx reads a connection's requests in order and starts a plugin command before reading the
        // next one, so this answer means fault-never is running: the event SIGTERM must come after.
        Assert.Null((await rpc.CallAsync(DlvxMethods.ListCommands, new ListCommandsRequest(), TimeSpan.FromSeconds(60))).Error);
        Assert.False(rpc.HasAnswered(inFlight));
        await dlvx.StopAsync(TimeSpan.FromSeconds(60));

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
            var delvePid = BackendFaultTests.ChildPids(dlvx.Pid).Single(pid => BackendFaultTests.ProcessName(pid) == "dlv");
            await dlvx.StopAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(0, dlvx.ExitCode);

            // Once Delve has gone too, nothing is left that could still kill or stop the target.
            await WaitUntilGoneAsync(delvePid, TimeSpan.FromSeconds(60));
            Assert.False(target.HasExited, "an attached target must be left running");
            var status = await File.ReadAllTextAsync($"/proc/{target.Id}/status");
            Assert.Matches(@"TracerPid:\s+0\b", status);
            Assert.Matches(@"State:\s+[RS]\b", status);
        }
        finally
        {
            target.Kill();
            await target.WaitForExitAsync();
        }
    }

    /// <summary>Waits for a process that is not this test's child (Delve, a child of dlvx) to go away.</summary>
    private static async Task WaitUntilGoneAsync(int pid, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (IsAlive(pid))
        {
            // No exit notification exists for another process's child; poll its /proc entry.
            await Task.Delay(20, deadline.Token);
        }
    }

    private static bool IsAlive(int pid) => File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
}
