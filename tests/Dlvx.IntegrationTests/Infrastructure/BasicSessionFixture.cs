namespace Dlvx.IntegrationTests.Infrastructure;

/// <summary>testdata/basic stopped at entry.</summary>
public sealed class BasicSessionFixture : DlvxSessionFixture
{
    public BasicSessionFixture()
        : base()
    {
    }
}
