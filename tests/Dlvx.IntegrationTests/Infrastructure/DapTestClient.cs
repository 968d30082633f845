using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Dlvx.IntegrationTests.Infrastructure;

/// <summary>
/// A DAP client written for these tests: Content-Length framing, its own seq counter, events collected
/// as they arrive. Every read has a timeout.
/// </summary>
public sealed class DapTestClient : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);
    private readonly TcpClient tcp;
    private readonly NetworkStream stream;
    private readonly List<JsonObject> events = [];
    private byte[] buffer = new byte[64 * 1024];
    private int length;
    private int seq;

    private DapTestClient(TcpClient tcp)
    {
        this.tcp = tcp;
        stream = tcp.GetStream();
    }

    /// <summary>Responses that answered no outstanding request of this client.</summary>
    public int UnexpectedResponses { get; private set; }

    /// <summary>Events received so far, in order.</summary>
    public IReadOnlyList<JsonObject> Events => events;

    /// <summary>Connects, then sends initialize and attach in remote mode, as an editor attaching to a headless Delve does.</summary>
    public static async Task<DapTestClient> AttachAsync(Endpoint endpoint)
    {
        var client = await ConnectAsync(endpoint);
        try
        {
            var initialize = await client.InitializeAsync();
            Assert.True(Succeeded(initialize), initialize.ToJsonString());
            var attach = await client.RequestAsync("attach", new JsonObject { ["request"] = "attach", ["mode"] = "remote" });
            Assert.True(Succeeded(attach), attach.ToJsonString());
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>Speaks DAP over a connection the server opened (a server started with <c>--client-addr</c>).</summary>
    public static DapTestClient Over(TcpClient accepted) => new(accepted);

    /// <summary>Connects and sends nothing.</summary>
    public static async Task<DapTestClient> ConnectAsync(Endpoint endpoint)
    {
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            using var timeout = new CancellationTokenSource(DefaultTimeout);
            await tcp.ConnectAsync(endpoint.Host, endpoint.Port, timeout.Token);
            return new DapTestClient(tcp);
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    /// <summary>Sends initialize with the arguments Delve requires (VS Code sends these and more).</summary>
    public Task<JsonObject> InitializeAsync() => RequestAsync("initialize", new JsonObject
    {
        ["clientID"] = "dlvx-tests",
        ["adapterID"] = "go",
        ["linesStartAt1"] = true,
        ["columnsStartAt1"] = true,
        ["pathFormat"] = "path",
    });

    /// <summary>
    /// Returns the first event received so far, or arriving within <paramref name="timeout"/>, that
    /// <paramref name="match"/> accepts; events keep being collected in <see cref="Events"/>.
    /// </summary>
    /// <exception cref="TimeoutException">None arrived in time; the message lists the events received.</exception>
    /// <param name="match">The event wanted.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="description">What is waited for, for the timeout's message.</param>
    /// <param name="after">How many of <see cref="Events"/> to pass over (those that came before what is awaited).</param>
    public async Task<JsonObject> WaitForEventAsync(Func<JsonObject, bool> match, TimeSpan timeout, string description, int after = 0)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var seen = after;
        while (true)
        {
            for (; seen < events.Count; seen++)
            {
                if (match(events[seen]))
                {
                    return events[seen];
                }
            }

            JsonObject? message;
            try
            {
                message = await ReadMessageAsync(cancel.Token, timeout);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"no {description} within {timeout.TotalSeconds:0} s; events: {string.Join("\n", events.Select(e => e.ToJsonString()))}");
            }

            if (message is null)
            {
                throw new Xunit.Sdk.XunitException($"the DAP server closed the connection before {description}; events: {string.Join("\n", events.Select(e => e.ToJsonString()))}");
            }

            if (message["type"]?.GetValue<string>() == "event")
            {
                events.Add(message);
            }
            else
            {
                UnexpectedResponses++;
            }
        }
    }

    /// <summary>Waits for an event by name, passing over the first <paramref name="after"/> events.</summary>
    public Task<JsonObject> WaitForEventAsync(string name, TimeSpan timeout, int after = 0) =>
        WaitForEventAsync(e => e["event"]?.GetValue<string>() == name, timeout, $"'{name}' event", after);

    /// <summary>Waits for an output event of <paramref name="category"/> whose text contains <paramref name="text"/>.</summary>
    public Task<JsonObject> WaitForOutputAsync(string category, string text, TimeSpan timeout) =>
        WaitForEventAsync(
            e => e["event"]?.GetValue<string>() == "output" && e["body"]?["category"]?.GetValue<string>() == category && (e["body"]?["output"]?.GetValue<string>() ?? "").Contains(text, StringComparison.Ordinal),
            timeout,
            $"{category} output '{text}'");

    /// <summary>Whether the server has closed the connection: reads until the end, with a deadline.</summary>
    public async Task<bool> IsClosedByServerAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (await ReadMessageAsync(cancel.Token, timeout) is { } message)
            {
                if (message["type"]?.GetValue<string>() == "event")
                {
                    events.Add(message);
                }
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

    public static bool Succeeded(JsonObject response) => response["success"] is JsonValue v && v.TryGetValue<bool>(out var ok) && ok;

    /// <summary>Sends a request and returns its response; events that arrive meanwhile are kept in <see cref="Events"/>.</summary>
    public async Task<JsonObject> RequestAsync(string command, JsonObject? arguments = null, TimeSpan? timeout = null)
    {
        var requestSeq = ++seq;
        var request = new JsonObject { ["seq"] = requestSeq, ["type"] = "request", ["command"] = command };
        if (arguments is not null)
        {
            request["arguments"] = arguments;
        }

        var body = Encoding.UTF8.GetBytes(request.ToJsonString());
        var header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length.ToString(CultureInfo.InvariantCulture)}\r\n\r\n");
        var wait = timeout ?? DefaultTimeout;
        using var cancel = new CancellationTokenSource(wait);
        await stream.WriteAsync(header.Concat(body).ToArray(), cancel.Token);
        while (true)
        {
            var message = await ReadMessageAsync(cancel.Token, wait)
                ?? throw new Xunit.Sdk.XunitException($"the DAP server closed the connection before answering {command}");
            var type = message["type"]?.GetValue<string>();
            if (type == "event")
            {
                events.Add(message);
            }
            else if (type == "response" && message["request_seq"]?.GetValue<int>() == requestSeq)
            {
                return message;
            }
            else if (type == "response")
            {
                // A response to a request this client is not waiting for: misrouted or duplicated.
                UnexpectedResponses++;
            }
        }
    }

    /// <summary>Evaluates in the debug console (context repl).</summary>
    public Task<JsonObject> EvaluateAsync(string expression, int? frameId = null)
    {
        var arguments = new JsonObject { ["expression"] = expression, ["context"] = "repl" };
        if (frameId is { } frame)
        {
            arguments["frameId"] = frame;
        }

        return RequestAsync("evaluate", arguments);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // Leave the multi-client server and its target as they are.
            await RequestAsync("disconnect", new JsonObject { ["terminateDebuggee"] = false }, TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is IOException or SocketException or TimeoutException or ObjectDisposedException or Xunit.Sdk.XunitException)
        {
            // Already closed.
        }

        await stream.DisposeAsync();
        tcp.Dispose();
    }

    private async Task<JsonObject?> ReadMessageAsync(CancellationToken cancellationToken, TimeSpan timeout)
    {
        while (true)
        {
            if (TryTakeMessage() is { } message)
            {
                return message;
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
                throw new TimeoutException($"no complete DAP message within {timeout.TotalSeconds:0.#} s; partial: {Encoding.UTF8.GetString(buffer, 0, Math.Min(length, 2000))}");
            }

            if (read == 0)
            {
                return null;
            }

            length += read;
        }
    }

    private JsonObject? TryTakeMessage()
    {
        var text = Encoding.ASCII.GetString(buffer, 0, Math.Min(length, 1024));
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return null;
        }

        var header = text[..end].Split("\r\n").Select(l => l.Split(':', 2)).First(p => p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase));
        var bodyLength = int.Parse(header[1].Trim(), CultureInfo.InvariantCulture);
        var start = end + 4;
        if (length < start + bodyLength)
        {
            if (start + bodyLength > buffer.Length)
            {
                Array.Resize(ref buffer, start + bodyLength);
            }

            return null;
        }

        var message = JsonNode.Parse(buffer.AsSpan(start, bodyLength)) as JsonObject ?? throw new Xunit.Sdk.XunitException("DAP message is not an object");
        Buffer.BlockCopy(buffer, start + bodyLength, buffer, 0, length - start - bodyLength);
        length -= start + bodyLength;
        return message;
    }
}
