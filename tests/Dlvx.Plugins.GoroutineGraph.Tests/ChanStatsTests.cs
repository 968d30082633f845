using System.Text.Json;
using Dlvx.Sdk.Testing;

namespace Dlvx.Plugins.GoroutineGraph.Tests;

/// <summary>chan-stats on testdata/channels, whose goroutines block on channels of known shapes.</summary>
public sealed class ChanStatsTests
{
    [Fact]
    public async Task Lists_each_blocked_channel_with_its_holder_type_fill_and_waiters()
    {
        await using var session = await DelveSession.StartAsync(await GoProgram.BuildAsync(Path.Combine(GoroutinesFixture.RepoRoot, "testdata", "channels")), stopAt: "main.stop");
        await using var runner = CommandRunner.ForPluginFolders(session.Delve, Path.Combine(GoroutinesFixture.RepoRoot, "artifacts", "plugins", "Dlvx.Plugins.GoroutineGraph"));

        var result = (await runner.RunAsync("chan-stats")).EnsureSuccess();
        var channels = result.Data!.Value.GetProperty("Channels").EnumerateArray().ToList();

        // jobs has values queued but nobody waits on it: not listed.
        Assert.Equal(6, channels.Count);
        AssertChannel(channels, "main.unbuffered", "chan string", 0, 0, senders: 3, receivers: 0);
        AssertChannel(channels, "main.full", "chan int", 2, 2, senders: 2, receivers: 0);
        AssertChannel(channels, "main.empty", "chan *main.job", 0, 4, senders: 0, receivers: 5);
        var left = AssertChannel(channels, "main.left", "chan int", 0, 0, senders: 0, receivers: 1);
        var right = AssertChannel(channels, "main.right", "chan bool", 0, 0, senders: 1, receivers: 0);
        Assert.True(left.GetProperty("Receivers")[0].GetProperty("InSelect").GetBoolean());
        Assert.True(right.GetProperty("Senders")[0].GetProperty("InSelect").GetBoolean());
        Assert.Equal(left.GetProperty("Receivers")[0].GetProperty("Goroutine").GetInt64(), right.GetProperty("Senders")[0].GetProperty("Goroutine").GetInt64());

        // A channel only a local holds is named after the local, in a frame of a goroutine that waits on it.
        var local = channels.Single(c => c.GetProperty("Name").GetString()!.EndsWith(": mine", StringComparison.Ordinal));
        Assert.Equal("chan float64", local.GetProperty("Type").GetString());
        Assert.Single(local.GetProperty("Senders").EnumerateArray());
        Assert.All(channels, c => Assert.False(c.GetProperty("Closed").GetBoolean()));
    }

    [Fact]
    public void Its_source_parses_no_Delve_values_and_builds_no_expressions()
    {
        // chan-stats reads only typed values: no string to number parsing, no casts spelled as text.
        var source = File.ReadAllText(Path.Combine(GoroutinesFixture.RepoRoot, "plugins", "goroutine-graph", "ChanStatsCommand.cs"));
        Assert.DoesNotContain(".Value", source, StringComparison.Ordinal);
        Assert.DoesNotContain("Parse(", source, StringComparison.Ordinal);
        Assert.DoesNotContain("*(*", source, StringComparison.Ordinal);
        Assert.DoesNotContain("EvalAsync", source, StringComparison.Ordinal);
    }

    private static JsonElement AssertChannel(List<JsonElement> channels, string name, string type, long length, long capacity, int senders, int receivers)
    {
        var channel = channels.Single(c => c.GetProperty("Name").GetString() == name);
        Assert.Equal(type, channel.GetProperty("Type").GetString());
        Assert.Equal(length, channel.GetProperty("Len").GetInt64());
        Assert.Equal(capacity, channel.GetProperty("Cap").GetInt64());
        Assert.Equal(senders, channel.GetProperty("Senders").GetArrayLength());
        Assert.Equal(receivers, channel.GetProperty("Receivers").GetArrayLength());
        return channel;
    }
}
