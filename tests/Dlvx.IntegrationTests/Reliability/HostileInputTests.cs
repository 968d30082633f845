using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Dlvx.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Dlvx.IntegrationTests.Reliability;

/// <summary>
/// Malformed and hostile input on the front port, for both protocols: each case gets an error reply
/// or a closed connection, dlvx never crashes, and the stopped target stays usable afterwards.
/// </summary>
public sealed class HostileInputTests(FaultySessionFixture session, ITestOutputHelper output) : IClassFixture<FaultySessionFixture>
{
    private static readonly TimeSpan Answer = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task JsonRpcWithoutParamsOrWithParamsNotAnArrayIsAnsweredAndTheConnectionSurvives()
    {
        await session.RunToFirstStopAsync();
        using var client = await session.ConnectJsonRpcAsync();
        foreach (var request in new[]
        {
            "{\"method\":\"RPCServer.State\",\"id\":1}",
            "{\"method\":\"RPCServer.State\",\"params\":{\"NonBlocking\":true},\"id\":1}",
            "{\"method\":\"RPCServer.State\",\"params\":\"x\",\"id\":1}",
            "{\"method\":\"RPCServer.State\",\"params\":[],\"id\":1}",
            "{\"params\":[{}],\"id\":1}",
        })
        {
            await client.SendRawAsync(request);
            var reply = await client.ReadResponseAsync(1, Answer);
            Assert.NotNull(reply.Error);
        }

        Assert.Null((await client.CallAsync("RPCServer.State", new JsonObject { ["NonBlocking"] = true })).Error);
    }

    [Theory]
    [InlineData("random bytes")]
    [InlineData("invalid UTF-8")]
    [InlineData("not an object")]
    public async Task GarbageOnJsonRpcGetsAnErrorAndACloseAndIsNeverForwarded(string kind)
    {
        await session.RunToFirstStopAsync();
        using var client = await session.ConnectJsonRpcAsync();
        var bytes = kind switch
        {
            "random bytes" => [(byte)'{', 0x00, 0xff, 0x13, (byte)'}'],
            "invalid UTF-8" => [.. Encoding.ASCII.GetBytes("{\"method\":\"RPCServer.State\",\"params\":[{}],\"id\":1,\"x\":\""), 0xc3, 0x28, (byte)'"', (byte)'}'],
            _ => Encoding.ASCII.GetBytes("[1,2,3]"),
        };
        await client.SendRawAsync(bytes);
        var reply = await client.ReadNextAsync(Answer);
        Assert.NotNull(reply);
        Assert.Contains("dlvx", reply!.Error, StringComparison.Ordinal);
        Assert.True(await client.IsClosedByServerAsync(Answer));
        await AssertTargetStillUsableAsync();
    }

    [Fact]
    public async Task AMessageOverTheLimitThatNeverEndsClosesTheConnection()
    {
        await session.RunToFirstStopAsync();
        using var client = await session.ConnectJsonRpcAsync();
        await client.SendRawAsync("{\"method\":\"RPCServer.Eval\",\"params\":[{\"Expr\":\"");
        var chunk = Encoding.ASCII.GetBytes(new string('a', 64 * 1024));
        var closed = false;
        try
        {
            // 3 MiB against a 1 MiB limit, never closing the string.
            for (var i = 0; i < 48; i++)
            {
                await client.SendRawAsync(chunk);
            }
        }
        catch (IOException)
        {
            closed = true;
        }

        if (!closed)
        {
            var reply = await client.ReadNextAsync(Answer);
            Assert.Contains("limit", reply?.Error ?? "closed", StringComparison.Ordinal);
            Assert.True(await client.IsClosedByServerAsync(Answer));
        }

        await AssertTargetStillUsableAsync();
    }

    [Theory]
    [InlineData("Content-Type: x\r\n\r\n{}")]
    [InlineData("Content-Length: -5\r\n\r\n{}")]
    [InlineData("Content-Length: abc\r\n\r\n{}")]
    [InlineData("Content-Length: 99999999999\r\n\r\n{}")]
    [InlineData("Content-Length: 2\r\n\r\n{\"seq\":1,\"type\":\"request\",\"command\":\"threads\"}")]
    [InlineData("Content-Length: 20\r\n\r\n{\"seq\":1}")]
    public async Task BrokenDapFramingClosesTheConnection(string message)
    {
        await session.RunToFirstStopAsync();
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(session.Address.Host, session.Address.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(message));
        if (message.StartsWith("Content-Length: 20", StringComparison.Ordinal))
        {
            // A lying length: the rest of the claimed body never comes, so the client gives up.
            tcp.Client.Shutdown(SocketShutdown.Send);
        }

        Assert.True(await ReadsToEndAsync(stream), "dlvx should close the connection");
        await AssertTargetStillUsableAsync();
    }

    [Fact]
    public async Task DapEvaluateOfDlvWithAThousandArgumentsGetsAUsageError()
    {
        await session.RunToFirstStopAsync();
        await using var dap = await DapTestClient.AttachAsync(session.Address);
        var reply = await dap.EvaluateAsync("dlv target-info " + string.Join(' ', Enumerable.Range(0, 1000).Select(i => $"arg{i}")));
        Assert.False(DapTestClient.Succeeded(reply));
        Assert.Contains("unexpected argument", reply["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(DapTestClient.Succeeded(await dap.RequestAsync("threads")));
    }

    [Fact]
    public async Task ThousandsOfConnectionsOpenedAndDroppedLeaveDlvxServingAndNeverReachDelve()
    {
        await session.RunToFirstStopAsync();
        var before = await BackendConnectionsOpenedAsync();
        var random = new Random(2000);
        for (var i = 0; i < 2000; i++)
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(session.Address.Host, session.Address.Port);
            byte[] sent = (i % 4) switch
            {
                0 => [],
                1 => "Content-Length: 4"u8.ToArray(),
                2 => "{\"method\":\"RPCServer.St"u8.ToArray(),
                _ => [.. Enumerable.Range(0, 32).Select(_ => (byte)random.Next(256))],
            };
            if (sent.Length > 0)
            {
                await tcp.GetStream().WriteAsync(sent);
            }
        }

        // None of them sent a whole request for Delve, so Delve saw none of them.
        Assert.Equal(before, await BackendConnectionsOpenedAsync());
        await AssertTargetStillUsableAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task AClientSendingOnlyPluginCommandsNeverConnectsToDelveAndItsFirstPassThroughGetsItsOwnReply()
    {
        await session.RunToFirstStopAsync();
        var before = await BackendConnectionsOpenedAsync();
        using var client = await session.ConnectJsonRpcAsync();
        for (var i = 0; i < 3; i++)
        {
            Assert.Null((await client.CallAsync("Dlvx.Run", new JsonObject { ["Command"] = "target-info" })).Error);
        }

        Assert.Equal(before, await BackendConnectionsOpenedAsync());

        // A plugin command and a pass-through request pipelined: each reply carries its own id.
        var run = await client.SendAsync("Dlvx.ListCommands", new JsonObject());
        var eval = await client.SendAsync("RPCServer.Eval", new JsonObject { ["Scope"] = new JsonObject { ["GoroutineID"] = -1 }, ["Expr"] = "main.counter" });
        Assert.Equal("42", (await client.ReadResponseAsync(eval, Answer)).Result()["Variable"]!["value"]!.GetValue<string>());
        Assert.NotNull((await client.ReadResponseAsync(run, Answer)).Result()["Commands"]);
        Assert.Equal(before + 1, await BackendConnectionsOpenedAsync());
    }

    private async Task<long> BackendConnectionsOpenedAsync()
    {
        // Dlvx.Stats is answered by dlvx itself, so asking does not open a connection to Delve.
        using var client = await session.ConnectJsonRpcAsync();
        return (await client.CallAsync("Dlvx.Stats", new JsonObject())).Result()["BackendConnectionsOpened"]!.GetValue<long>();
    }

    /// <summary>Fixed seed, bounded count: random mutations of valid messages for both protocols.</summary>
    [Fact]
    public async Task FuzzedMessagesNeverCrashDlvxOrBreakTheSession()
    {
        await session.RunToFirstStopAsync();
        var random = new Random(20261128);
        var seeds = new[]
        {
            "{\"method\":\"RPCServer.State\",\"params\":[{\"NonBlocking\":true}],\"id\":1}",
            "{\"method\":\"RPCServer.Eval\",\"params\":[{\"Scope\":{\"GoroutineID\":-1},\"Expr\":\"main.counter\"}],\"id\":2}",
            "{\"method\":\"Dlvx.Run\",\"params\":[{\"Command\":\"target-info\",\"Args\":[\"--json\"]}],\"id\":3}",
            "{\"method\":\"RPCServer.Eval\",\"params\":[{\"Scope\":{\"GoroutineID\":-1},\"Expr\":\"dlv target-info\"}],\"id\":4}",
        };
        var dapSeeds = new[]
        {
            "{\"seq\":1,\"type\":\"request\",\"command\":\"evaluate\",\"arguments\":{\"expression\":\"dlv target-info\",\"context\":\"repl\"}}",
            "{\"seq\":2,\"type\":\"request\",\"command\":\"threads\"}",
        };
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < 150; i++)
        {
            var dap = i % 3 == 0;
            var text = dap ? dapSeeds[random.Next(dapSeeds.Length)] : seeds[random.Next(seeds.Length)];
            var bytes = Mutate(Encoding.UTF8.GetBytes(text), random);
            if (dap)
            {
                bytes = [.. Encoding.ASCII.GetBytes($"Content-Length: {bytes.Length + random.Next(-3, 4)}\r\n\r\n"), .. bytes];
            }

            var outcome = await SendAndObserveAsync(bytes);
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            Assert.False(session.DlvxProcess.HasExited, $"dlvx exited on case {i}: {Encoding.UTF8.GetString(bytes)}");
        }

        output.WriteLine(string.Join(", ", outcomes.Select(o => $"{o.Key}: {o.Value}")));
        await AssertTargetStillUsableAsync();
    }

    private static byte[] Mutate(byte[] input, Random random)
    {
        var bytes = input.ToList();
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits && bytes.Count > 1; e++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(4))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes.RemoveAt(at);
                    break;
                case 2:
                    bytes.Insert(at, (byte)"{}[]\",:\\"[random.Next(8)]);
                    break;
                default:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
            }
        }

        return [.. bytes];
    }

    private static async Task<bool> ReadsToEndAsync(NetworkStream stream)
    {
        using var timeout = new CancellationTokenSource(Answer);
        var buffer = new byte[64 * 1024];
        try
        {
            while (await stream.ReadAsync(buffer, timeout.Token) > 0)
            {
            }

            return true;
        }
        catch (IOException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Sends one message, closes the sending side, and classifies what came back.</summary>
    private async Task<string> SendAndObserveAsync(byte[] bytes)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(session.Address.Host, session.Address.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(bytes);
        tcp.Client.Shutdown(SocketShutdown.Send);
        using var timeout = new CancellationTokenSource(Answer);
        var received = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
            // Reset by the peer: a close.
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"no answer and no close within {Answer.TotalSeconds} s for: {Encoding.UTF8.GetString(bytes)}");
        }

        var text = Encoding.UTF8.GetString(received.ToArray());
        return text.Contains("\"error\":\"", StringComparison.Ordinal) || text.Contains("\"success\":false", StringComparison.Ordinal) ? "error reply"
            : text.Length > 0 ? "answered" : "closed";
    }

    private async Task AssertTargetStillUsableAsync(TimeSpan? patience = null)
    {
        Assert.False(session.DlvxProcess.HasExited, "dlvx exited");
        using var client = await session.ConnectJsonRpcAsync();
        var value = await client.CallAsync("RPCServer.Eval", new JsonObject { ["Scope"] = new JsonObject { ["GoroutineID"] = -1 }, ["Expr"] = "main.counter" }, patience);
        Assert.Equal("42", value.Result()["Variable"]!["value"]!.GetValue<string>());
        await using var dap = await DapTestClient.AttachAsync(session.Address);
        Assert.True(DapTestClient.Succeeded(await dap.EvaluateAsync("dlv target-info")));
    }
}
