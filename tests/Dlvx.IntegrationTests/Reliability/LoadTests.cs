using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Dlvx.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Dlvx.IntegrationTests.Reliability;

/// <summary>
/// 32 concurrent clients (JSON-RPC and DAP mixed), 1,000 requests each, while plugin commands run:
/// every response reaches the client that asked, with its own id, once, in Delve's order.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class LoadTests(FaultySessionFixture session, ITestOutputHelper output) : IClassFixture<FaultySessionFixture>
{
    private const int Clients = 32;
    private const int RequestsPerClient = 1000;

    [Fact]
    public async Task ThirtyTwoClientsGetEveryResponseOnceInOrderWithTheirOwnIds()
    {
        await session.RunToFirstStopAsync();
        var watch = Stopwatch.StartNew();
        var clients = Enumerable.Range(0, Clients).Select(i => i % 2 == 0 ? JsonRpcClientAsync(i) : DapClientAsync(i)).ToArray();
        var counts = await Task.WhenAll(clients).WaitAsync(TimeSpan.FromMinutes(5));
        watch.Stop();
        Assert.All(counts, count => Assert.Equal(RequestsPerClient, count));
        var total = counts.Sum();
        output.WriteLine($"{total} requests from {Clients} clients in {watch.Elapsed.TotalSeconds:0.0} s: {total / watch.Elapsed.TotalSeconds:0} requests/s through dlvx");
        Assert.False(session.DlvxProcess.HasExited);
    }

    /// <summary>
    /// Synchronous Delve methods (Eval) are answered in order on one connection; plugin commands
    /// (every 50th request) may overtake them, as intercepted requests run beside the others.
    /// </summary>
    private async Task<int> JsonRpcClientAsync(int client)
    {
        using var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(session.Address.Host, session.Address.Port);
        var stream = tcp.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var window = 8;
        var sent = 0;
        var received = 0;
        var pendingEval = new Queue<string>();
        var pendingPlugin = new HashSet<string>(StringComparer.Ordinal);
        while (received < RequestsPerClient)
        {
            while (sent < RequestsPerClient && sent - received < window)
            {
                var requestId = $"c{client}-{sent}";
                var plugin = sent % 50 == 49;
                var request = plugin
                    ? $"{{\"method\":\"Dlvx.Run\",\"params\":[{{\"Command\":\"slow-count\",\"Args\":[\"-ms\",\"5\"]}}],\"id\":\"{requestId}\"}}"
                    : $"{{\"method\":\"RPCServer.Eval\",\"params\":[{{\"Scope\":{{\"GoroutineID\":-1}},\"Expr\":\"main.counter\"}}],\"id\":\"{requestId}\"}}";
                await stream.WriteAsync(Encoding.UTF8.GetBytes(request));
                if (plugin)
                {
                    pendingPlugin.Add(requestId);
                }
                else
                {
                    pendingEval.Enqueue(requestId);
                }

                sent++;
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var line = await reader.ReadLineAsync(timeout.Token) ?? throw new Xunit.Sdk.XunitException($"client {client}: connection closed after {received} responses");
            using var response = JsonDocument.Parse(line);
            var id = response.RootElement.GetProperty("id").GetString()!;
            Assert.StartsWith($"c{client}-", id, StringComparison.Ordinal);
            Assert.True(response.RootElement.GetProperty("error").ValueKind == JsonValueKind.Null, line);
            if (!pendingPlugin.Remove(id))
            {
                Assert.Equal(pendingEval.Dequeue(), id);
                Assert.Equal("42", response.RootElement.GetProperty("result").GetProperty("Variable").GetProperty("value").GetString());
            }

            received++;
        }

        return received;
    }

    private async Task<int> DapClientAsync(int client)
    {
        await using var dap = await DapTestClient.AttachAsync(session.Address);
        var count = 0;
        for (var i = 0; i < RequestsPerClient; i++)
        {
            var plugin = i % 50 == 49;
            var response = plugin ? await dap.EvaluateAsync("dlv slow-count -ms 5") : await dap.RequestAsync("threads");
            Assert.True(DapTestClient.Succeeded(response), $"client {client}: {response.ToJsonString()}");
            Assert.Equal(plugin ? "evaluate" : "threads", response["command"]!.GetValue<string>());
            count++;
        }

        Assert.Equal(0, dap.UnexpectedResponses);
        return count;
    }
}
