using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dlvx.Sdk.Delve;
using Dlvx.Sdk.Testing;

namespace Dlvx.Plugins.GoroutineGraph.Tests;

/// <summary>
/// The goroutine listing goroutine-graph reads (IGoroutineListing: one Delve unwind per stack shape)
/// against Delve's own ListGoroutines, the slow path it replaces, on testdata/shapes: goroutines that
/// share a start, a go statement, a pc and a depth but not their callers, their labels or their depth.
/// </summary>
public sealed partial class GoroutineListingTests
{
    [Fact]
    public async Task EveryRecordEqualsDelvesOwnListingFieldForField()
    {
        await using var session = await DelveSession.StartAsync(await GoProgram.BuildAsync(Path.Combine(GoroutinesFixture.RepoRoot, "testdata", "shapes")), stopAt: "main.stop");
        await using var runner = CommandRunner.ForAssembly(typeof(ListingDumpCommand).Assembly, session.Delve);

        var result = await runner.RunAsync("listing-dump");
        Assert.True(result.Succeeded, result.Text);
        var fast = result.Data!.Value.Deserialize<List<Goroutine>>()!;
        var slow = (await session.Delve.ListGoroutinesAsync(new ListGoroutinesRequest())).Goroutines;

        // Field for field, in Delve's order: ids, statuses, wait reasons and times, threads, every
        // location (pc, file, line, function) and the labels.
        Assert.Equal(slow.Select(Json), fast.Select(Json));

        // What the shapes are there to tell apart.
        Assert.Equal(10, fast.Count(g => g.UserCurrentLoc.Function?.Name == "main.viaA"));
        Assert.Equal(10, fast.Count(g => g.UserCurrentLoc.Function?.Name == "main.viaB"));
        Assert.Equal(5, fast.Count(g => g.Labels?.GetValueOrDefault("who") == "alpha"));
        Assert.Equal(5, fast.Count(g => g.Labels?.GetValueOrDefault("who") == "beta"));

        // And the listing took the shortcut: fewer shapes than goroutines.
        var shapes = runner.ProgressReports.Select(p => ShapesLine().Match(p.Message)).Single(m => m.Success);
        Assert.True(Number(shapes, "shapes") < Number(shapes, "read") / 2, shapes.Value);
    }

    private static string Json(Goroutine goroutine) => JsonSerializer.Serialize(goroutine);

    private static int Number(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"goroutines: (?<read>\d+) read from allgs, (?<shapes>\d+) stack shapes")]
    private static partial Regex ShapesLine();
}
