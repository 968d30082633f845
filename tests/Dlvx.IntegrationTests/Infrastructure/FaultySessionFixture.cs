namespace Dlvx.IntegrationTests.Infrastructure;

/// <summary>testdata/basic with the faulty test plugin in process, a 3 s command timeout and a 1 MiB message limit.</summary>
public sealed class FaultySessionFixture : DlvxSessionFixture
{
    public const double CommandTimeoutSeconds = 3;

    protected override IEnumerable<string> ExtraArguments =>
        ["--plugins", TestPaths.FaultyPlugin, "--command-timeout", "3", "--max-message-mib", "1"];
}
