using System.Text.Json;

namespace Dlvx.Plugins.GoroutineGraph.Tests;

/// <summary>The known structure of testdata/goroutines, read back through the command.</summary>
public sealed class GoroutineGraphTests(GoroutinesFixture fixture) : IClassFixture<GoroutinesFixture>
{
    private async Task<JsonElement> GraphAsync(params string[] args)
    {
        var result = (await fixture.Runner.RunAsync("goroutine-graph " + string.Join(' ', args))).EnsureSuccess();
        return result.Data!.Value;
    }

    private static IEnumerable<JsonElement> Goroutines(JsonElement data, string start) =>
        data.GetProperty("Goroutines").EnumerateArray().Where(g => g.GetProperty("Start").GetProperty("Function").GetString() == start);

    [Theory]
    [InlineData("main.sender", 7, "chan send")]
    [InlineData("main.busySender", 3, "chan send")]
    [InlineData("main.receiver", 4, "chan receive")]
    [InlineData("main.locker", 2, "<the target's name for a mutex wait>")]
    [InlineData("main.selector", 1, "select")]
    [InlineData("main.sleeper", 2, "sleep")]
    public async Task CountsPerStartFunctionAndWaitReasonAreExact(string start, int count, string reason)
    {
        reason = reason.StartsWith('<') ? fixture.MutexWaitReason : reason;
        var data = await GraphAsync();
        var group = data.GetProperty("Groups").EnumerateArray().Single(g => g.GetProperty("Key").GetString() == start);
        Assert.Equal(count, group.GetProperty("Count").GetInt32());
        Assert.Equal(count, group.GetProperty("WaitReasons").GetProperty(reason).GetInt32());
        Assert.Equal(count, group.GetProperty("Ids").GetArrayLength());
        Assert.All(Goroutines(data, start), g => Assert.Equal("waiting", g.GetProperty("Status").GetString()));
    }

    [Fact]
    public async Task SendersOnOneChannelShareOneObjectAndDifferentChannelsStayDistinct()
    {
        var data = await GraphAsync();
        var stuck = Goroutines(data, "main.sender").Select(g => g.GetProperty("BlockedOn").EnumerateArray().Single()).ToList();
        Assert.Equal(7, stuck.Count);
        Assert.Single(stuck.Select(b => b.GetProperty("Addr").GetString()).Distinct());
        Assert.All(stuck, b =>
        {
            Assert.Equal("chan", b.GetProperty("Kind").GetString());
            Assert.Equal("send", b.GetProperty("Op").GetString());
            Assert.Equal("chan int", b.GetProperty("Type").GetString());
        });

        var busy = Goroutines(data, "main.busySender").Select(g => g.GetProperty("BlockedOn")[0].GetProperty("Addr").GetString()).Distinct().Single();
        Assert.NotEqual(stuck[0].GetProperty("Addr").GetString(), busy);

        var stuckObject = data.GetProperty("Objects").EnumerateArray().Single(o => o.GetProperty("Addr").GetString() == stuck[0].GetProperty("Addr").GetString());
        Assert.Equal(7, stuckObject.GetProperty("Waiters").GetArrayLength());
    }

    [Fact]
    public async Task MutexWaitersAreLinkedToTheSameSemaphore()
    {
        var data = await GraphAsync();
        var waits = Goroutines(data, "main.locker").Select(g => g.GetProperty("BlockedOn").EnumerateArray().Single()).ToList();
        Assert.Equal(2, waits.Count);
        Assert.All(waits, b =>
        {
            Assert.Equal("sema", b.GetProperty("Kind").GetString());
            Assert.Equal("acquire", b.GetProperty("Op").GetString());
            Assert.Equal("sync.Mutex", b.GetProperty("Type").GetString());
        });
        Assert.Single(waits.Select(b => b.GetProperty("Addr").GetString()).Distinct());
        Assert.Contains(data.GetProperty("Findings").EnumerateArray(), f => f.GetProperty("Kind").GetString() == "semaphore" && f.GetProperty("Ids").GetArrayLength() == 2);
    }

    [Fact]
    public async Task ASelectIsLinkedToEveryChannelItWaitsOn()
    {
        var data = await GraphAsync();
        var cases = Goroutines(data, "main.selector").Single().GetProperty("BlockedOn").EnumerateArray().ToList();
        Assert.Equal(2, cases.Count);
        Assert.All(cases, c => Assert.Equal("select", c.GetProperty("Op").GetString()));
        Assert.Equal(2, cases.Select(c => c.GetProperty("Addr").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task TheStuckChannelIsReportedAsAHintNamingItsSenders()
    {
        var data = await GraphAsync();
        var senders = Goroutines(data, "main.sender").Select(g => g.GetProperty("Id").GetInt64()).Order().ToList();
        var finding = data.GetProperty("Findings").EnumerateArray()
            .Single(f => f.GetProperty("Kind").GetString() == "stuck-channel" && f.GetProperty("Ids").EnumerateArray().Any(i => i.GetInt64() == senders[0]));
        Assert.Equal(senders, finding.GetProperty("Ids").EnumerateArray().Select(i => i.GetInt64()).Order().ToList());
        Assert.StartsWith("Hint:", finding.GetProperty("Message").GetString(), StringComparison.Ordinal);
        Assert.Contains("wait to send", finding.GetProperty("Message").GetString(), StringComparison.Ordinal);

        Assert.Contains("(chan int)", finding.GetProperty("Message").GetString(), StringComparison.Ordinal);

        // One goroutine (stopped at the breakpoint) can still run, so the hint must not claim a deadlock.
        Assert.DoesNotContain("deadlock", finding.GetProperty("Message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TextFoldsIdenticalStacksAndDiagramsDrawSpawnAndBlockedEdges()
    {
        var text = (await fixture.Runner.RunAsync("goroutine-graph -s blocking")).EnsureSuccess().Text;
        Assert.Contains("7  main.sender", text, StringComparison.Ordinal);
        Assert.Contains("stack (7 identical):", text, StringComparison.Ordinal);
        Assert.DoesNotContain("main.stop", text, StringComparison.Ordinal);

        var dot = (await fixture.Runner.RunAsync("goroutine-graph -format dot")).EnsureSuccess().Text;
        Assert.StartsWith("digraph goroutines {", dot, StringComparison.Ordinal);
        Assert.Contains("spawns (7)", dot, StringComparison.Ordinal);
        Assert.Contains("blocked on (7)", dot, StringComparison.Ordinal);

        var mermaid = (await fixture.Runner.RunAsync("goroutine-graph -format mermaid")).EnsureSuccess().Text;
        Assert.StartsWith("flowchart LR", mermaid, StringComparison.Ordinal);
        Assert.Contains("|\"blocked on (2)\"|", mermaid, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroupingByWaitReasonAndFilteringWork()
    {
        var byWait = await GraphAsync("-group-by", "wait");
        Assert.Equal(10, byWait.GetProperty("Groups").EnumerateArray().Single(g => g.GetProperty("Key").GetString() == "chan send").GetProperty("Count").GetInt32());
        var filtered = await GraphAsync("-filter", "^main\\.(receiver|locker)$");
        Assert.Equal(6, filtered.GetProperty("Total").GetInt32());
        var bad = await fixture.Runner.RunAsync("goroutine-graph -format png");
        Assert.False(bad.Succeeded);
        Assert.Contains("text|dot|mermaid|json", bad.Text, StringComparison.Ordinal);
    }
}
