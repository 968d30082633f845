using System.Diagnostics;
using Dlvx.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Dlvx.IntegrationTests.Reliability;

/// <summary>Like Delve's --only-same-user: a loopback connection from another uid is refused.</summary>
public sealed class SameUserTests(BasicSessionFixture session, ITestOutputHelper output) : IClassFixture<BasicSessionFixture>
{
    private const string OtherUser = "dlvxtest";

    [Fact]
    public async Task AConnectionFromAnotherUserIsRefusedAndOneFromThisUserIsServed()
    {
        if (Environment.UserName != "root")
        {
            // Creating a second user needs root; CI runs as root, so this never hides a failure there.
            output.WriteLine("not root: cannot create a second user; test not applicable here");
            return;
        }

        await RunAsync("sh", ["-c", $"id -u {OtherUser} >/dev/null 2>&1 || useradd --no-create-home --shell /usr/sbin/nologin {OtherUser}"]);
        var probe = $"exec 3<>/dev/tcp/{session.Address.Host}/{session.Address.Port}; " +
            "printf '{\"method\":\"RPCServer.State\",\"params\":[{\"NonBlocking\":true}],\"id\":1}' >&3; timeout 5 head -c 40 <&3";

        var mine = await RunAsync("bash", ["-c", probe]);
        Assert.Contains("\"id\":1", mine, StringComparison.Ordinal);

        var theirs = await RunAsync("runuser", ["-u", OtherUser, "--", "bash", "-c", probe]);
        Assert.DoesNotContain("\"id\":1", theirs, StringComparison.Ordinal);
        Assert.Contains("refused a connection", session.StandardError, StringComparison.Ordinal);
    }

    private static async Task<string> RunAsync(string file, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var stdout = await process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return stdout;
    }
}
