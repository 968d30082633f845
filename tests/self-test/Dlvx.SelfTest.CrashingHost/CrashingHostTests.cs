using System.Diagnostics;

namespace Dlvx.SelfTest.CrashingHost;

/// <summary>
/// A test host that dies half way: one test passes, the next kills the host's own process (SIGKILL, no
/// chance to report), and the tests after it never run. test.sh must call such a run a failure.
/// </summary>
public sealed class CrashingHostTests
{
    [Fact]
    public void PassesBeforeTheCrash() => Assert.Equal(4, 2 + 2);

    [CrashFact]
    public void KillsItsOwnTestHost()
    {
        using var self = Process.GetCurrentProcess();
        self.Kill();
        // Kill() delivers SIGKILL to this very process; nothing below runs.
        Assert.Fail("the test host survived SIGKILL");
    }

    [Fact]
    public void NeverRunsBecauseTheHostIsGone() => Assert.Equal(4, 2 + 2);

    [Fact]
    public void NeverRunsEither() => Assert.Equal(4, 2 + 2);
}
