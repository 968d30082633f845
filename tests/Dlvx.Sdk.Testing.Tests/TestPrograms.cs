using Dlvx.IntegrationTests.Infrastructure;

namespace Dlvx.Sdk.Testing.Tests;

/// <summary>The repository's Go test programs.</summary>
internal static class TestPrograms
{
    /// <summary>
    /// testdata/basic: five workers blocked on a channel, then <c>main.stop(1)</c>, the workers' results
    /// summed, <c>main.stop(2)</c>, a line printed, and exit (or an hour's sleep with the argument <c>wait</c>).
    /// </summary>
    public static string Basic => Path.Combine(BuildMetadata.Get("DlvxRepoRoot"), "testdata", "basic");

    /// <summary>testdata/channels: goroutines blocked on channels of known shapes (<c>main.full</c>: a buffer of 2 holding 2), then <c>main.stop</c>.</summary>
    public static string Channels => Path.Combine(BuildMetadata.Get("DlvxRepoRoot"), "testdata", "channels");
}
