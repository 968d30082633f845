using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dlvx.Host.Api;

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

    /// <summary>Runs a plugin command with dlvx's <c>Dlvx.Run</c>; a failure fails the test with its message.</summary>
    public async Task<RunResponse> RunAsync(RunRequest request, CancellationToken cancellationToken) =>
        (await CallAsync(DlvxMethods.Run, request, cancellationToken)).Deserialize<RunResponse>(DlvxApiJson.Options)!;

    /// <summary>Runs a plugin command with <c>Dlvx.Run</c>, expecting it to fail, and returns the error message.</summary>
    public Task<string> RunExpectingErrorAsync(RunRequest request, CancellationToken cancellationToken) =>
        CallExpectingErrorAsync(DlvxMethods.Run, request, cancellationToken);

    /// <summary>Calls <paramref name="method"/> and returns its result; a JSON-RPC error fails the test with its message.</summary>
    public async Task<JsonNode> CallAsync(string method, object argument, CancellationToken cancellationToken)
    {
        var (result, error, line) = await RoundTripAsync(method, argument, cancellationToken);
        if (error is not null)
        {
            throw new Xunit.Sdk.XunitException($"{method} failed: {error}");
        }

        return result ?? throw new Xunit.Sdk.XunitException($"{method} returned no result: {line}");
    }

    /// <summary>Calls <paramref name="method"/>, expecting it to fail, and returns the error message; success fails the test.</summary>
    public async Task<string> CallExpectingErrorAsync(string method, object argument, CancellationToken cancellationToken)
    {
        var (_, error, line) = await RoundTripAsync(method, argument, cancellationToken);
        return error ?? throw new Xunit.Sdk.XunitException($"{method} was expected to fail but returned: {line}");
    }

    private async Task<(JsonNode? Result, string? Error, string Line)> RoundTripAsync(string method, object argument, CancellationToken cancellationToken)
    {
        var id = ++nextId;
        await writer.WriteLineAsync(new JsonObject { ["method"] = method, ["params"] = new JsonArray(JsonSerializer.SerializeToNode(argument, DlvxApiJson.Options)), ["id"] = id }.ToJsonString().AsMemory(), cancellationToken);
        var line = await reader.ReadLineAsync(cancellationToken) ?? throw new Xunit.Sdk.XunitException($"the connection closed before {method} answered");
        var response = JsonNode.Parse(line)!;
        var error = response["error"] is JsonValue value && value.ToString() is { Length: > 0 } message ? message : null;
        return (response["result"], error, line);
    }

    public void Dispose()
    {
        reader.Dispose();
        writer.Dispose();
        tcp.Dispose();
    }
}
