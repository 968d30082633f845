using System.Diagnostics;
using System.Globalization;
using System.Xml.Linq;
using Xunit.Abstractions;

namespace Dlvx.Templates.Tests;

/// <summary>
/// The generated test project's replay test, run as an author without Go or Delve would run it: a PATH
/// that holds dotnet and nothing else, and stand-ins for go and dlv that leave a mark if anything runs them.
/// </summary>
[Collection(AuthoringCollection.Name)]
[Trait("Category", "Slow")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ReplayWithoutDelveTests(AuthoringFixture fixture, ITestOutputHelper output)
{
    private const string ReplayTest = "Contoso.Leaks.Tests.LeaksCommandReplayTests.CountsGoroutinesByStartFunctionFromARecording";

    [Fact]
    public async Task TheTemplatesReplayedUnitTestRunsWithNoGoAndNoDlvInUnderASecond()
    {
        var bin = Directory.CreateDirectory(Path.Combine(fixture.Root, "path-without-go")).FullName;
        File.CreateSymbolicLink(Path.Combine(bin, "dotnet"), DotnetExecutable());
        var mark = Path.Combine(fixture.Root, "go-or-dlv-ran");
        foreach (var tool in new[] { "go", "dlv" })
        {
            var standIn = Path.Combine(bin, tool);
            await File.WriteAllTextAsync(standIn, $"#!/bin/sh\necho \"{tool} $*\" >> '{mark}'\nexit 1\n");
            File.SetUnixFileMode(standIn, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var results = Path.Combine(fixture.Root, "replay-results");
        var environment = new Dictionary<string, string>(fixture.DotnetEnvironment)
        {
            ["PATH"] = bin,
            ["DLVX_GO"] = Path.Combine(bin, "go"),
            ["DLVX_DLV"] = Path.Combine(bin, "dlv"),
        };
        var tests = Path.Combine(fixture.Generated, "Contoso.Leaks.Tests");
        var wall = Stopwatch.StartNew();
        var run = await ChildProcess.RunAsync("dotnet", ["test", "--no-build", "--filter", $"FullyQualifiedName={ReplayTest}", "--logger", "trx;LogFileName=replay.trx", "--results-directory", results], tests, TimeSpan.FromMinutes(3), environment);
        wall.Stop();

        run.EnsureSuccess("dotnet test of the replay test with no go or dlv on PATH");
        Assert.False(File.Exists(mark), $"go or dlv was run: {(File.Exists(mark) ? await File.ReadAllTextAsync(mark) : "")}");
        var result = Assert.Single(XDocument.Load(Path.Combine(results, "replay.trx")).Descendants(), e => e.Name.LocalName == "UnitTestResult");
        Assert.Equal((ReplayTest, "Passed"), ((string?)result.Attribute("testName"), (string?)result.Attribute("outcome")));

        // The test's own time as xunit measured it (the recording loaded, the command run, the asserts);
        // the claim is under a second, asserted with room for a busy shared machine.
        var duration = TimeSpan.Parse((string)result.Attribute("duration")!, CultureInfo.InvariantCulture);
        output.WriteLine($"replayed unit test: {duration.TotalMilliseconds:0} ms (xunit); dotnet test --no-build end to end: {wall.ElapsedMilliseconds} ms");
        Assert.True(duration < TimeSpan.FromSeconds(5), $"the replayed test took {duration}");
    }

    /// <summary>The dotnet that runs these tests, found the way the guide's reader finds it: on PATH.</summary>
    private static string DotnetExecutable() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, "dotnet"))
            .FirstOrDefault(File.Exists) ?? throw new InvalidOperationException("dotnet is not on PATH");
}
