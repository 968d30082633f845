using System.Text.Json;

namespace Dlvx.Plugins.GoroutineGraph.Tests;

/// <summary>A snapshot at the first stop and a diff at the second show the five leaked senders.</summary>
public sealed class LeakDiffTests : IClassFixture<GoroutinesFixture>
{
    private readonly GoroutinesFixture fixture;

    public LeakDiffTests(GoroutinesFixture fixture) => this.fixture = fixture;

    [Fact]
    public async Task TheDiffShowsTheGoroutinesCreatedSinceGroupedByCreationSite()
    {
        var missing = await fixture.Runner.RunAsync("goroutine-graph diff");
        Assert.False(missing.Succeeded);
        Assert.Contains("no snapshots yet", missing.Text, StringComparison.Ordinal);

        (await fixture.Runner.RunAsync("goroutine-graph snapshot before")).EnsureSuccess();
        await fixture.Session.ContinueToAsync("main.stop");
        var diff = (await fixture.Runner.RunAsync("goroutine-graph diff before")).EnsureSuccess();
        var created = diff.Data!.Value.GetProperty("Created").EnumerateArray().ToList();
        var leak = Assert.Single(created);
        Assert.Equal(5, leak.GetProperty("Count").GetInt32());
        Assert.Contains("main.sender", leak.GetProperty("Site").GetString(), StringComparison.Ordinal);
        Assert.Contains("Created since", diff.Text, StringComparison.Ordinal);
        Assert.True(diff.Data!.Value.GetProperty("AliveInBoth").EnumerateArray().Sum(s => s.GetProperty("Count").GetInt32()) >= 19);
    }
}
