using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Dlvx.PluginRuntime.Delve;
using Dlvx.Sdk.Delve;

namespace Dlvx.Host.Tests;

/// <summary>DelveClient against a scripted Go-style JSON-RPC 1.0 server on loopback.</summary>
public sealed class DelveClientWireTests
{
    [Fact]
    public async Task LargeConcurrentResponsesArrivingInChunksAreEachReadIntact()
    {
        // Each answer repeats its own id, so a reply read from a recycled buffer shows up as the wrong text.
        static string Payload(string id) => string.Concat(Enumerable.Repeat($"[{id}]", 200_000));
        await using var server = await ScriptedServer.StartAsync(id => $"{{\"id\":{id},\"result\":{{\"Value\":\"{Payload(id)}\"}},\"error\":null}}\n", chunk: 65_536);
        await using var client = new DelveClient(server.Endpoint);
        var calls = Enumerable.Range(0, 8).Select(_ => client.CallAsync<JsonElement>("RPCServer.Eval", new { Expr = "x" })).ToList();
        var results = await Task.WhenAll(calls);
        var values = results.Select(r => r.GetProperty("Value").GetString()!).ToList();
        Assert.All(values, v => Assert.Equal(Payload(v[1..v.IndexOf(']', StringComparison.Ordinal)]), v));
        Assert.Equal(8, values.Distinct().Count());
    }

    [Fact]
    public async Task GoStringErrorsBecomeTypedExceptions()
    {
        await using var server = await ScriptedServer.StartAsync(id => $"{{\"id\":{id},\"result\":null,\"error\":\"Process 42 has exited with status 3\"}}\n", chunk: 16);
        await using var client = new DelveClient(server.Endpoint);
        var exited = await Assert.ThrowsAsync<ProcessExitedException>(() => client.GetStateAsync());
        Assert.Equal(3, exited.ExitStatus);
        Assert.Equal("process exited with status 3", exited.Message);
    }

    [Fact]
    public async Task ABrokenConnectionIsReestablishedOnTheNextCall()
    {
        await using var server = await ScriptedServer.StartAsync(id => $"{{\"id\":{id},\"result\":{{\"IsMulticlient\":true}},\"error\":null}}\n", chunk: 64, closeAfterEachReply: true);
        await using var client = new DelveClient(server.Endpoint);
        Assert.True((await client.CallAsync<JsonElement>("RPCServer.IsMulticlient", new { })).GetProperty("IsMulticlient").GetBoolean());

        // The event the next call must cope with: the client has seen the server close the connection.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (client.LastDisconnect is null)
        {
            await Task.Delay(10, deadline.Token);
        }

        Assert.True((await client.CallAsync<JsonElement>("RPCServer.IsMulticlient", new { })).GetProperty("IsMulticlient").GetBoolean());
        Assert.Equal(2, server.Connections);
    }

    /// <summary>Answers each request line with <c>reply(id)</c>, written in small chunks like a slow network.</summary>
    private sealed class ScriptedServer : IAsyncDisposable
    {
        private readonly TcpListener listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource stop = new();
        private Task? loop;
        private int connections;

        public DelveEndpoint Endpoint => new("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port);

        public int Connections => Volatile.Read(ref connections);

        public static Task<ScriptedServer> StartAsync(Func<string, string> reply, int chunk, bool closeAfterEachReply = false)
        {
            var server = new ScriptedServer();
            server.listener.Start();
            server.loop = server.ServeAsync(reply, chunk, closeAfterEachReply);
            return Task.FromResult(server);
        }

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            listener.Stop();
            await (loop ?? Task.CompletedTask).ContinueWith(static _ => { }, TaskScheduler.Default);
            stop.Dispose();
        }

        private async Task ServeAsync(Func<string, string> reply, int chunk, bool closeAfterEachReply)
        {
            while (!stop.IsCancellationRequested)
            {
                using var socket = await listener.AcceptSocketAsync(stop.Token);
                Interlocked.Increment(ref connections);
                using var stream = new NetworkStream(socket);
                using var reader = new StreamReader(stream);
                var request = new StringBuilder();
                var buffer = new char[1];
                while (await reader.ReadAsync(buffer, stop.Token) > 0)
                {
                    request.Append(buffer[0]);
                    if (buffer[0] != '}' || !IsComplete(request.ToString(), out var id))
                    {
                        continue;
                    }

                    request.Clear();
                    var bytes = Encoding.UTF8.GetBytes(reply(id));
                    for (var offset = 0; offset < bytes.Length; offset += chunk)
                    {
                        await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(chunk, bytes.Length - offset)), stop.Token);
                        await stream.FlushAsync(stop.Token);
                    }

                    if (closeAfterEachReply)
                    {
                        break;
                    }
                }
            }
        }

        private static bool IsComplete(string text, out string id)
        {
            id = "";
            try
            {
                using var document = JsonDocument.Parse(text);
                id = document.RootElement.GetProperty("id").GetRawText();
                return true;
            }
            catch (JsonException)
            {
                return false;
            }
        }
    }
}
