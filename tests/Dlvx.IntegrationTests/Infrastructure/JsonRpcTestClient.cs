using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dlvx.Host.Api;

namespace Dlvx.IntegrationTests.Infrastructure;

/// <summary>
/// A raw Go net/rpc JSON-RPC 1.0 client over TCP, written for these tests: requests are JSON values,
/// responses end with <c>\n</c>. Every read has a timeout, so a broken proxy fails a test instead of hanging it.
/// </summary>
public sealed class JsonRpcTestClient : IDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);
    private readonly TcpClient tcp;
    private readonly NetworkStream stream;
    private readonly Dictionary<string, JsonRpcResponse> early = new(StringComparer.Ordinal);
    private byte[] buffer = new byte[64 * 1024];
    private int length;
    private int nextId;

    private JsonRpcTestClient(TcpClient tcp)
    {
        this.tcp = tcp;
        stream = tcp.GetStream();
    }

    public static async Task<JsonRpcTestClient> ConnectAsync(Endpoint endpoint)
    {
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            using var timeout = new CancellationTokenSource(DefaultTimeout);
            await tcp.ConnectAsync(endpoint.Host, endpoint.Port, timeout.Token);
            return new JsonRpcTestClient(tcp);
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    /// <summary>Notifications the server sent (messages without an id, such as <c>Dlvx.Progress</c>), in order of arrival.</summary>
    public ConcurrentQueue<JsonObject> Notifications { get; } = new();

    /// <summary>The first notification received, if any.</summary>
    public bool TryPeekNotification([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out JsonObject? notification) => Notifications.TryPeek(out notification);

    /// <summary>Sends a dlvx API request (a type from <c>Dlvx.Host.Api</c>) and waits for its response.</summary>
    public Task<JsonRpcResponse> CallAsync(string method, object request, TimeSpan? timeout = null) =>
        CallAsync(method, JsonSerializer.SerializeToNode(request, DlvxApiJson.Options), timeout);

    /// <summary>Sends a dlvx API request without waiting; returns its id.</summary>
    public Task<int> SendAsync(string method, object request) => SendAsync(method, JsonSerializer.SerializeToNode(request, DlvxApiJson.Options));

    /// <summary>Sends a request with a one-element params array and waits for its response.</summary>
    public async Task<JsonRpcResponse> CallAsync(string method, JsonNode? argument, TimeSpan? timeout = null)
    {
        var id = await SendAsync(method, argument);
        return await ReadResponseAsync(id, timeout ?? DefaultTimeout);
    }

    /// <summary>Sends a request without waiting; returns its id.</summary>
    public async Task<int> SendAsync(string method, JsonNode? argument)
    {
        var id = Interlocked.Increment(ref nextId);
        var request = new JsonObject { ["method"] = method, ["params"] = new JsonArray(argument ?? new JsonObject()), ["id"] = id };
        await SendRawAsync(Encoding.UTF8.GetBytes(request.ToJsonString()));
        return id;
    }

    public async Task SendRawAsync(byte[] bytes)
    {
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        await stream.WriteAsync(bytes, timeout.Token);
    }

    public Task SendRawAsync(string text) => SendRawAsync(Encoding.UTF8.GetBytes(text));

    /// <summary>Whether the response to <paramref name="id"/> has been received (and kept) while waiting for others.</summary>
    public bool HasAnswered(int id) => early.ContainsKey(id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Waits for the response with <paramref name="id"/>, keeping others for later.</summary>
    public async Task<JsonRpcResponse> ReadResponseAsync(int id, TimeSpan timeout)
    {
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            if (early.Remove(key, out var kept))
            {
                return kept;
            }

            var response = await ReadNextAsync(cancel.Token, timeout)
                ?? throw new Xunit.Sdk.XunitException($"the server closed the connection before answering request {id}");
            if (response.Id?.ToJsonString() == key)
            {
                return response;
            }

            early[response.Id?.ToJsonString() ?? "null"] = response;
        }
    }

    /// <summary>Reads the next response whatever its id, or null when the server closes the connection.</summary>
    public async Task<JsonRpcResponse?> ReadNextAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        return await ReadNextAsync(cancel.Token, timeout);
    }

    /// <summary>Whether the server closes the connection (after any pending responses) within <paramref name="timeout"/>.</summary>
    public async Task<bool> IsClosedByServerAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (await ReadNextAsync(cancel.Token, timeout) is not null)
            {
            }

            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public void Dispose()
    {
        stream.Dispose();
        tcp.Dispose();
    }

    private async Task<JsonRpcResponse?> ReadNextAsync(CancellationToken cancellationToken, TimeSpan timeout)
    {
        while (true)
        {
            var newline = Array.IndexOf(buffer, (byte)'\n', 0, length);
            if (newline >= 0)
            {
                var line = Encoding.UTF8.GetString(buffer, 0, newline);
                Buffer.BlockCopy(buffer, newline + 1, buffer, 0, length - newline - 1);
                length -= newline + 1;
                var node = JsonNode.Parse(line) as JsonObject ?? throw new Xunit.Sdk.XunitException($"not a JSON object: {line}");
                if (node.ContainsKey("method") && !node.ContainsKey("id"))
                {
                    Notifications.Enqueue(node);
                    continue;
                }

                return new JsonRpcResponse(node);
            }

            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            int read;
            try
            {
                read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no complete response within {timeout.TotalSeconds:0.#} s; partial: {Encoding.UTF8.GetString(buffer, 0, length)}");
            }

            if (read == 0)
            {
                return length == 0 ? null : throw new Xunit.Sdk.XunitException($"connection closed inside a response: {Encoding.UTF8.GetString(buffer, 0, length)}");
            }

            length += read;
        }
    }
}
