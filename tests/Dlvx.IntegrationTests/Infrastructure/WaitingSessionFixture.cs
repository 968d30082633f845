namespace Dlvx.IntegrationTests.Infrastructure;

/// <summary>testdata/basic with the <c>wait</c> argument: once continued past its stops it sleeps for an hour.</summary>
public sealed class WaitingSessionFixture : DlvxSessionFixture
{
    public WaitingSessionFixture()
        : base("wait")
    {
    }
}
