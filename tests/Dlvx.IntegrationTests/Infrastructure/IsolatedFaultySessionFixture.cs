namespace Dlvx.IntegrationTests.Infrastructure;

/// <summary>testdata/basic with the faulty test plugin in its own worker process (isolation: process).</summary>
public sealed class IsolatedFaultySessionFixture : DlvxSessionFixture
{
    protected override IEnumerable<string> ExtraArguments =>
        ["--plugins", TestPaths.FaultyPlugin, "--command-timeout", "5", "--isolate", "Dlvx.TestPlugins.Faulty"];
}
