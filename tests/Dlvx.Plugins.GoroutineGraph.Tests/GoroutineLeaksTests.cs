using System.Text.Json;
using System.Text.RegularExpressions;
using Dlvx.Sdk.Delve;
using Dlvx.Sdk.Testing;

namespace Dlvx.Plugins.GoroutineGraph.Tests;

/// <summary>
/// goroutine-leaks on testdata/leaks: 10 goroutines that can never run again (channels only they
/// reference, a pair blocked on each other, a mutex, a WaitGroup and a Cond only their waiters
/// reference, a nil channel) and 4 that look stuck but are not (global channel, a channel main's
/// frame holds, a sleeper).
/// </summary>
public sealed partial class GoroutineLeaksTests
{
    private static string Source => Path.Combine(GoroutinesFixture.RepoRoot, "testdata", "leaks");

    private static string PluginFolder => Path.Combine(GoroutinesFixture.RepoRoot, "artifacts", "plugins", "Dlvx.Plugins.GoroutineGraph");

    [Fact]
    public async Task Finds_exactly_the_leaked_goroutines_by_creation_site()
    {
        await using var session = await DelveSession.StartAsync(await GoProgram.BuildAsync(Source), stopAt: "main.stop");
        await using var runner = CommandRunner.ForPluginFolders(session.Delve, PluginFolder);

        var data = (await runner.RunAsync("goroutine-leaks")).EnsureSuccess().Data!.Value;
        var leaked = data.GetProperty("Leaked").EnumerateArray().ToList();

        var bySite = leaked.GroupBy(g => g.GetProperty("CreatedBy").GetProperty("Function").GetString()!).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(
            new Dictionary<string, int> { ["main.orphanedReceivers"] = 3, ["main.deadlockedPair"] = 2, ["main.lockedOut"] = 2, ["main.waitForever"] = 1, ["main.condForever"] = 1, ["main.nilReceiver"] = 1 },
            bySite.ToDictionary(s => s.Key, s => s.Value.Count));
        Assert.True(data.GetProperty("Total").GetInt32() >= 15, "the 14 test goroutines and main");

        // What each waits on.
        Assert.All(bySite["main.orphanedReceivers"], g => AssertBlockedOn(g, "chan", "chan *main.request"));
        Assert.Single(bySite["main.orphanedReceivers"].Select(g => g.GetProperty("BlockedOn").GetProperty("Addr").GetString()).Distinct());
        Assert.All(bySite["main.deadlockedPair"], g => AssertBlockedOn(g, "chan", "chan int"));
        Assert.Equal(2, bySite["main.deadlockedPair"].Select(g => g.GetProperty("BlockedOn").GetProperty("Addr").GetString()).Distinct().Count());
        Assert.All(bySite["main.lockedOut"], g => AssertBlockedOn(g, "sema", "sync.Mutex"));
        AssertBlockedOn(bySite["main.waitForever"].Single(), "sema", "sync.WaitGroup");
        AssertBlockedOn(bySite["main.condForever"].Single(), "cond", "sync.Cond");
        var nil = bySite["main.nilReceiver"].Single();
        Assert.Equal(JsonValueKind.Null, nil.GetProperty("BlockedOn").ValueKind);
        Assert.Equal("chan receive (nil chan)", nil.GetProperty("WaitReason").GetString());

        // Groups: by start function, go statement and wait reason, with counts and one stack each.
        var groups = data.GetProperty("Groups").EnumerateArray().ToList();
        Assert.Equal(7, groups.Count);
        Assert.Equal(10, groups.Sum(g => g.GetProperty("Count").GetInt32()));
        var receivers = groups.Single(g => g.GetProperty("CreatedBy").GetProperty("Function").GetString() == "main.orphanedReceivers");
        Assert.Equal(3, receivers.GetProperty("Count").GetInt32());
        Assert.Equal("chan receive", receivers.GetProperty("WaitReason").GetString());
        Assert.Contains(receivers.GetProperty("Stack").EnumerateArray(), f => f.GetProperty("Function").GetString() == "main.receiveForever");
        Assert.EndsWith("main.go", receivers.GetProperty("CreatedBy").GetProperty("File").GetString(), StringComparison.Ordinal);
        Assert.Equal(SourceLine("go receiveForever(ch)"), receivers.GetProperty("CreatedBy").GetProperty("Line").GetInt32());
    }

    [Fact]
    public async Task Text_groups_leaks_with_counts_and_one_stack_and_the_session_stays_usable()
    {
        await using var session = await DelveSession.StartAsync(await GoProgram.BuildAsync(Source), stopAt: "main.stop");
        await using var runner = CommandRunner.ForPluginFolders(session.Delve, PluginFolder);

        var text = (await runner.RunAsync("goroutine-leaks")).EnsureSuccess().Text;
        Assert.Matches(@"^10 of \d+ goroutines can never run again, in 7 groups", text);
        Assert.Matches(@"3 × \[chan receive\] main\.orphanedReceivers\.(func1|gowrap1)", text);
        Assert.Contains("created at main.orphanedReceivers ", text, StringComparison.Ordinal);
        Assert.Contains("main.receiveForever", text, StringComparison.Ordinal);
        Assert.DoesNotContain("globalWaiters", text, StringComparison.Ordinal);
        Assert.DoesNotContain("heldByMain", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sleeper", text, StringComparison.Ordinal);

        var usage = await runner.RunAsync("goroutine-leaks --bogus");
        Assert.False(usage.Succeeded);
        Assert.Contains("--bogus", usage.Text, StringComparison.Ordinal);
        Assert.Equal("main.stop", (await session.Delve.GetStateAsync()).CurrentThread?.Function?.Name);
    }

    [GoReleaseFact(1, 26, "GOEXPERIMENT=goroutineleakprofile")]
    public async Task Finds_every_goroutine_Go_1_26_s_own_leak_profile_finds()
    {
        var binary = await GoProgram.BuildWithEnvironmentAsync(Source, new Dictionary<string, string> { ["GOEXPERIMENT"] = "goroutineleakprofile" });
        await using var session = await DelveSession.StartAsync(binary, stopAt: "main.stop");
        await using var runner = CommandRunner.ForPluginFolders(session.Delve, PluginFolder);

        // The program asked its runtime for the goroutineleak profile (debug=2) before stopping.
        var profile = await session.Delve.EvalAsync("main.runtimeLeaks", config: new LoadConfig { MaxStringLen = 1 << 20 });
        var runtimeLeaked = LeakedInProfile().Matches(profile.Value ?? "").Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        Assert.Equal(10, runtimeLeaked.Count);

        var data = (await runner.RunAsync("goroutine-leaks")).EnsureSuccess().Data!.Value;
        var ours = data.GetProperty("Leaked").EnumerateArray().Select(g => g.GetProperty("Id").GetInt64()).ToHashSet();
        Assert.Superset(runtimeLeaked, ours);
        Assert.Equal(runtimeLeaked, ours);
    }

    private static void AssertBlockedOn(JsonElement goroutine, string kind, string type)
    {
        var blocked = goroutine.GetProperty("BlockedOn");
        Assert.Equal(kind, blocked.GetProperty("Kind").GetString());
        Assert.Equal(type, blocked.GetProperty("Type").GetString());
        Assert.StartsWith("0x", blocked.GetProperty("Addr").GetString(), StringComparison.Ordinal);
    }

    private static int SourceLine(string text) =>
        File.ReadAllLines(Path.Combine(Source, "main.go")).Select((line, index) => (line, index)).Single(l => l.line.Contains(text, StringComparison.Ordinal)).index + 1;

    // "goroutine 12 [chan receive (leaked)]:" in a debug=2 profile.
    [GeneratedRegex(@"^goroutine (\d+) \[[^\]]*\(leaked\)[^\]]*\]:", RegexOptions.Multiline)]
    private static partial Regex LeakedInProfile();
}
