using System.Globalization;
using System.Text.RegularExpressions;
using Dlvx.Sdk.Testing;
using Xunit.Abstractions;

namespace Dlvx.Plugins.HeapStats.Tests;

/// <summary>
/// The walk's stack roots unwind one goroutine per stack shape and check the others' return addresses
/// before they borrow its frames. Against the slow path (DLVX_UNWIND_EVERY_STACK=1: Delve unwinds every
/// goroutine) on testdata/shapes, whose goroutines share a start, a pc and a depth but not always their
/// callers: the same objects, types and roots, for fewer unwinds. Runs apart from the other tests
/// because the setting is the process's environment.
/// </summary>
[Collection(nameof(SmallCacheTests))]
public sealed partial class StackShapeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Sharing_unwinds_between_goroutines_of_one_shape_finds_exactly_the_roots_unwinding_each_finds()
    {
        await using var session = await DelveSession.StartAsync(await GoProgram.BuildAsync(RepoPaths.TestData("shapes")), stopAt: "main.stop");
        await using var runner = CommandRunner.ForPluginFolders(session.Delve, RepoPaths.PluginFolder);

        var shared = (await runner.RunAsync("heap-stats --by-type --by-root -top 1000")).EnsureSuccess();
        var sharedUnwinds = Unwinds(runner);
        string every;
        int everyUnwinds;
        Environment.SetEnvironmentVariable("DLVX_UNWIND_EVERY_STACK", "1");
        try
        {
            every = (await runner.RunAsync("heap-stats --by-type --by-root -top 1000")).EnsureSuccess().Data!.Value.GetRawText();
            everyUnwinds = Unwinds(runner);
        }
        finally
        {
            Environment.SetEnvironmentVariable("DLVX_UNWIND_EVERY_STACK", null);
        }

        output.WriteLine($"{sharedUnwinds} unwinds shared, {everyUnwinds} one per goroutine");
        Assert.Equal(every, shared.Data!.Value.GetRawText());
        Assert.True(sharedUnwinds < everyUnwinds, $"{sharedUnwinds} unwinds with sharing, {everyUnwinds} without");
    }

    // The last "N root words (R roots, U stacks unwound)" progress line.
    private static int Unwinds(CommandRunner runner) =>
        int.Parse(runner.ProgressReports.Select(p => UnwindsLine().Match(p.Message)).Last(m => m.Success).Groups["unwinds"].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(?<unwinds>\d+) stacks unwound\)")]
    private static partial Regex UnwindsLine();
}
