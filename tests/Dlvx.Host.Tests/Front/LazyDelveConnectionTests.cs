using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Dlvx.Host.Tests.Front;

/// <summary>
/// The front proxies open a client's connection to Delve only when the client first sends a
/// message Delve must answer, and from then on behave as if it had been open from the start.
/// Driven through the real listener against <see cref="FakeDelve"/>, which counts connections.
/// </summary>
public sealed class LazyDelveConnectionTests
{
    [Fact]
    public async Task AJsonRpcClientThatOnlySendsRequestsDlvxAnswersNeverConnectsToDelve()
    {
        await using var delve = FakeDelve.Start();
        await using var front = FrontHarness.Start(delve.Endpoint);
        using (var client = await front.ConnectAsync())
        {
            await client.SendAsync(
                Run(1, "one") + Run(2, "two")
                + """{"method":"Dlvx.ListCommands","params":[{}],"id":3}"""
                + """{"method":"RPCServer.Eval","params":[{"Scope":{"GoroutineID":-1},"Expr":"dlv test-echo three"}],"id":4}"""
                + """{"method":"RPCServer.SetApiVersion","params":[{"APIVersion":1}],"id":5}"""
                + """{"method":"RPCServer.State","id":6}"""
                + """{"method":"Dlvx.Stats","params":[{}],"id":7}""");
            var replies = await ReadJsonRpcByIdAsync(client, 7);

            Assert.Equal("one", replies["1"]["result"]!["Text"]!.GetValue<string>());
            Assert.Equal("two", replies["2"]["result"]!["Text"]!.GetValue<string>());
            Assert.Contains(replies["3"]["result"]!["Commands"]!.AsArray(), c => c!["Name"]!.GetValue<string>() == "test-echo");
            Assert.Equal("three", replies["4"]["result"]!["Variable"]!["value"]!.GetValue<string>());
            Assert.Contains("API v1 was refused", replies["5"]["error"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Contains("\"params\" must be an array", replies["6"]["error"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal(0, replies["7"]["result"]!["DelveConnectionsOpened"]!.GetValue<long>());
            Assert.Equal(1, replies["7"]["result"]!["ClientConnectionsOpen"]!.GetValue<long>());
        }

        await front.WaitForClientsToFinishAsync(accepted: 1);
        Assert.Equal(0, delve.ConnectionsAccepted);
        Assert.Equal(0, front.Statistics.DelveConnectionsOpened);
    }

    [Fact]
    public async Task TheFirstJsonRpcRequestPassedThroughOpensOneConnectionAndResponsesKeepDelvesOrder()
    {
        await using var delve = FakeDelve.Start();
        await using var front = FrontHarness.Start(delve.Endpoint);
        using var client = await front.ConnectAsync();
        await client.SendAsync(Run(1, "before"));
        Assert.Equal("before", (await client.ReadJsonRpcAsync())!["result"]!["Text"]!.GetValue<string>());
        Assert.Equal(0, delve.ConnectionsAccepted);

        // Odd spacing on purpose: what reaches Delve must be exactly what the client wrote.
        string[] passThrough =
        [
            """{"method":"RPCServer.State",  "params":[{"NonBlocking":true}],"id":"s"}""",
            "\n" + """{"method":"RPCServer.Eval","params":[{"Scope":{"GoroutineID":-1},"Expr":"x + 1"}],"id":11}""",
            " " + """{"method":"RPCServer.ListGoroutines","params":[{"Count":5}],"id":12}""",
        ];
        await client.SendAsync(Run(10, "a") + passThrough[0] + Run(13, "b") + passThrough[1] + passThrough[2] + Run(14, "c"));

        var fromDelve = new List<JsonObject>();
        var fromDlvx = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < 6; i++)
        {
            var reply = await client.ReadJsonRpcAsync() ?? throw new Xunit.Sdk.XunitException($"closed after {i} replies");
            if (reply["result"]?["Index"] is not null)
            {
                fromDelve.Add(reply);
            }
            else
            {
                fromDlvx[reply["id"]!.ToJsonString()] = reply["result"]!["Text"]!.GetValue<string>();
            }
        }

        Assert.Equal(["\"s\"", "11", "12"], fromDelve.Select(r => r["id"]!.ToJsonString()));
        Assert.Equal([0, 1, 2], fromDelve.Select(r => r["result"]!["Index"]!.GetValue<int>()));
        Assert.Equal(["RPCServer.State", "RPCServer.Eval", "RPCServer.ListGoroutines"], fromDelve.Select(r => r["result"]!["Method"]!.GetValue<string>()));
        Assert.Equal(new Dictionary<string, string> { ["10"] = "a", ["13"] = "b", ["14"] = "c" }, fromDlvx);
        Assert.Equal(1, delve.ConnectionsAccepted);
        Assert.Equal(string.Concat(passThrough), Encoding.UTF8.GetString(delve.Received));
    }

    [Fact]
    public async Task ADapClientConnectsToDelveWithItsFirstMessageThatDlvxDoesNotAnswer()
    {
        await using var delve = FakeDelve.Start();
        await using var front = FrontHarness.Start(delve.Endpoint);
        using var client = await front.ConnectAsync();
        await client.SendAsync([.. Frame(Evaluate(1, "dlv test-echo one")), .. Frame(Evaluate(2, "dlv te two"))]);
        var first = await ReadDapByRequestSeqAsync(client, 2);
        Assert.Equal("one", first[1]["body"]!["result"]!.GetValue<string>());
        Assert.Equal("two", first[2]["body"]!["result"]!.GetValue<string>());
        Assert.Equal(0, delve.ConnectionsAccepted);

        byte[] initialize = Frame(new JsonObject { ["seq"] = 3, ["type"] = "request", ["command"] = "initialize", ["arguments"] = new JsonObject { ["adapterID"] = "go" } });
        byte[] evaluate = Frame(Evaluate(5, "x + 1"));
        await client.SendAsync([.. initialize, .. Frame(Evaluate(4, "dlv test-echo four")), .. evaluate]);
        var order = new List<long>();
        var second = new Dictionary<long, JsonObject>();
        for (var i = 0; i < 3; i++)
        {
            var message = await client.ReadDapAsync() ?? throw new Xunit.Sdk.XunitException($"closed after {i} messages");
            var seq = message["request_seq"]!.GetValue<long>();
            order.Add(seq);
            second[seq] = message;
        }

        Assert.True(second[3]["body"]!["fake"]!.GetValue<bool>());
        Assert.True(second[5]["body"]!["fake"]!.GetValue<bool>());
        Assert.Equal("four", second[4]["body"]!["result"]!.GetValue<string>());
        Assert.True(order.IndexOf(3) < order.IndexOf(5), $"Delve's responses out of order: {string.Join(", ", order)}");
        Assert.Equal(1, delve.ConnectionsAccepted);
        Assert.Equal([.. initialize, .. evaluate], delve.Received);
    }

    [Fact]
    public async Task ClientsThatSendNothingGarbageOrHalfAMessageNeverConnectToDelve()
    {
        await using var delve = FakeDelve.Start();
        await using var front = FrontHarness.Start(delve.Endpoint);
        string[] sent =
        [
            "",
            "{\"met",
            "\u0001\u00ff{}",
            "[1,2,3]",
            "C",
            "Content-Length: 50\r\n",
            "Content-Length: 50\r\n\r\n{\"seq\":1,\"type\":\"request\"",
            "Content-Length: 7\r\n\r\nnotjson",
        ];
        foreach (var text in sent)
        {
            using var client = await front.ConnectAsync();
            if (text.Length > 0)
            {
                await client.SendAsync(Encoding.Latin1.GetBytes(text));
            }
        }

        await front.WaitForClientsToFinishAsync(accepted: sent.Length);
        Assert.Equal(0, delve.ConnectionsAccepted);
        Assert.Equal(0, front.Statistics.DelveConnectionsOpened);
    }

    [Fact]
    public async Task WhenDelveRefusesAJsonRpcClientGetsAnErrorForItsFirstPassThroughRequestAndIsClosed()
    {
        var refusing = FakeDelve.RefusingEndpoint();
        await using var front = FrontHarness.Start(refusing);
        using var client = await front.ConnectAsync();
        await client.SendAsync(Run(1, "still answered"));
        Assert.Equal("still answered", (await client.ReadJsonRpcAsync())!["result"]!["Text"]!.GetValue<string>());

        await client.SendAsync("""{"method":"RPCServer.State","params":[{}],"id":2}""");
        var reply = await client.ReadJsonRpcAsync();
        Assert.NotNull(reply);
        Assert.Equal(2, reply["id"]!.GetValue<int>());
        Assert.StartsWith($"dlvx: cannot reach Delve at {refusing}", reply["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(await client.ReadJsonRpcAsync());
        Assert.Equal(0, front.Statistics.DelveConnectionsOpened);
    }

    [Fact]
    public async Task WhenDelveRefusesADapClientGetsAFailedResponseToItsFirstPassThroughRequestAndIsClosed()
    {
        var refusing = FakeDelve.RefusingEndpoint();
        await using var front = FrontHarness.Start(refusing);
        using var client = await front.ConnectAsync();
        await client.SendAsync(Frame(new JsonObject { ["seq"] = 1, ["type"] = "request", ["command"] = "initialize" }));
        var response = await client.ReadDapAsync();
        Assert.NotNull(response);
        Assert.Equal("response", response["type"]!.GetValue<string>());
        Assert.Equal(1, response["request_seq"]!.GetValue<long>());
        Assert.Equal("initialize", response["command"]!.GetValue<string>());
        Assert.False(response["success"]!.GetValue<bool>());
        Assert.StartsWith($"dlvx: cannot reach Delve at {refusing}", response["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(await client.ReadDapAsync());
    }

    private static string Run(int id, string word) =>
        $$"""{"method":"Dlvx.Run","params":[{"Command":"test-echo","Args":["{{word}}"]}],"id":{{id}}}""";

    private static JsonObject Evaluate(int seq, string expression) => new()
    {
        ["seq"] = seq,
        ["type"] = "request",
        ["command"] = "evaluate",
        ["arguments"] = new JsonObject { ["expression"] = expression, ["context"] = "repl" },
    };

    private static byte[] Frame(JsonObject message)
    {
        var body = Encoding.UTF8.GetBytes(message.ToJsonString());
        return [.. Encoding.ASCII.GetBytes($"Content-Length: {body.Length.ToString(CultureInfo.InvariantCulture)}\r\n\r\n"), .. body];
    }

    private static async Task<Dictionary<string, JsonObject>> ReadJsonRpcByIdAsync(FrontTestClient client, int count)
    {
        var replies = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var reply = await client.ReadJsonRpcAsync() ?? throw new Xunit.Sdk.XunitException($"closed after {i} replies");
            replies[reply["id"]!.ToJsonString()] = reply;
        }

        return replies;
    }

    private static async Task<Dictionary<long, JsonObject>> ReadDapByRequestSeqAsync(FrontTestClient client, int count)
    {
        var messages = new Dictionary<long, JsonObject>();
        for (var i = 0; i < count; i++)
        {
            var message = await client.ReadDapAsync() ?? throw new Xunit.Sdk.XunitException($"closed after {i} messages");
            messages[message["request_seq"]!.GetValue<long>()] = message;
        }

        return messages;
    }
}
