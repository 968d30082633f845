using System.Diagnostics;
using Dlvx.IntegrationTests.Infrastructure;

namespace Dlvx.IntegrationTests.Reliability;

/// <summary>Like Delve's --only-same-user: a loopback connection from another uid is refused.</summary>
public sealed class SameUserTests(BasicSessionFixture session) : IClassFixture<BasicSessionFixture>
{
    private const string OtherUser = "dlvxtest";

    [RootFact("useradd", "runuser")]
    public async Task AConnectionFromAnotherUserIsRefusedAndOneFromThisUserIsServed()
    {
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
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            var stdout = await process.StandardOutput.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return stdout;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
