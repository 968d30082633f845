namespace Dlvx.IntegrationTests.Infrastructure;

/// <summary>
/// testdata/basic with the <c>wait</c> argument: once continued past its stops it sleeps for an hour.
/// The flagship plugins are loaded too, to show they refuse a running target like any command.
/// </summary>
public sealed class WaitingSessionFixture : DlvxSessionFixture
{
    public WaitingSessionFixture()
        : base("wait")
    {
    }

    protected override IEnumerable<string> ExtraArguments => ["--plugins", TestPaths.HeapStatsPlugin, "--plugins", TestPaths.GoroutineGraphPlugin];
}
