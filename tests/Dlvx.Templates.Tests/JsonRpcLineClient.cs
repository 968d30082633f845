using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Dlvx.Templates.Tests;

/// <summary>A minimal Go net/rpc JSON-RPC 1.0 client: one request at a time, one response per line.</summary>
internal sealed class JsonRpcLineClient : IDisposable
{
    private readonly TcpClient tcp;
    private readonly StreamReader reader;
    private readonly StreamWriter writer;
    private int nextId;

    private JsonRpcLineClient(TcpClient tcp)
    {
        this.tcp = tcp;
        var stream = tcp.GetStream();
        reader = new StreamReader(stream, Encoding.UTF8);
        writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
    }

    public static async Task<JsonRpcLineClient> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            await tcp.ConnectAsync(host, port, cancellationToken);
            return new JsonRpcLineClient(tcp);
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    /// <summary>Calls <paramref name="method"/> and returns its result; a JSON-RPC error fails the test with its message.</summary>
    public async Task<JsonNode> CallAsync(string method, JsonObject argument, CancellationToken cancellationToken)
    {
        var id = ++nextId;
        await writer.WriteLineAsync(new JsonObject { ["method"] = method, ["params"] = new JsonArray(argument), ["id"] = id }.ToJsonString().AsMemory(), cancellationToken);
        var line = await reader.ReadLineAsync(cancellationToken) ?? throw new Xunit.Sdk.XunitException($"the connection closed before {method} answered");
        var response = JsonNode.Parse(line)!;
        if (response["error"] is JsonValue error && error.ToString() is { Length: > 0 } message)
        {
            throw new Xunit.Sdk.XunitException($"{method} failed: {message}");
        }

        return response["result"] ?? throw new Xunit.Sdk.XunitException($"{method} returned no result: {line}");
    }

    public void Dispose()
    {
        reader.Dispose();
        writer.Dispose();
        tcp.Dispose();
    }
}
