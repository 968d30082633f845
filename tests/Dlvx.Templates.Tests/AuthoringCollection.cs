namespace Dlvx.Templates.Tests;

/// <summary>
/// One fixture for all authoring tests, run one at a time: <c>dlvx plugins</c> runs in-process and
/// reads <c>DLVX_HOME</c> and writes to the console, both process-wide.
/// </summary>
[CollectionDefinition(Name)]
public sealed class AuthoringCollection : ICollectionFixture<AuthoringFixture>
{
    public const string Name = "authoring";
}
