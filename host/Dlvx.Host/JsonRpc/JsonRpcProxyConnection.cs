using System.Buffers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dlvx.PluginRuntime.Commands;
using Dlvx.Host.Front;
using Dlvx.Sdk;
using Microsoft.Extensions.Logging;

namespace Dlvx.Host.JsonRpc;

/// <summary>
/// One JSON-RPC client (the dlv terminal, GoLand, a script) in front of its own connection to Delve.
/// Requests pass through byte for byte, except plugin commands (<c>Dlvx.*</c>, Eval of <c>dlv COMMAND</c>)
/// which are answered here, and malformed requests, which are answered with an error and never
/// forwarded because Delve drops the connection on them. The connection to Delve is opened by the
/// first request that passes through, so a client that sends nothing else never reaches Delve.
/// </summary>
internal sealed class JsonRpcProxyConnection
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly Socket client;
    private readonly BackendConnection backend;
    private readonly CommandInvoker invoker;
    private readonly ProxyOptions options;
    private readonly ConnectionStatistics statistics;
    private readonly ILogger logger;
    private readonly SemaphoreSlim clientWrite = new(1, 1);
    private readonly InterceptedRequests intercepted = new();
    private readonly TaskCompletionSource delveClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long forwarded;
    private long answered;

    // Both written only by the client thread, when the first request passes through.
    private Socket? server;
    private Task? fromDelve;

    public JsonRpcProxyConnection(Socket client, BackendConnection backend, CommandInvoker invoker, ProxyOptions options, ConnectionStatistics statistics, ILogger logger)
    {
        this.client = client;
        this.backend = backend;
        this.invoker = invoker;
        this.options = options;
        this.statistics = statistics;
        this.logger = logger;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var fromClient = Task.Factory.StartNew(() => PumpFromClient(cancellationToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var stopping = Task.Delay(Timeout.Infinite, cancellationToken);
        await Task.WhenAny(delveClosed.Task, fromClient, stopping);
        if (cancellationToken.IsCancellationRequested)
        {
            // dlvx is stopping: read no new requests, but answer or fail the ones in flight.
            SocketClose.Quietly(client, SocketShutdown.Receive);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(2);
            while (Interlocked.Read(ref forwarded) > Interlocked.Read(ref answered) && !delveClosed.Task.IsCompleted && DateTime.UtcNow < deadline)
            {
                await Task.Delay(10, CancellationToken.None);
            }
        }

        // Let answers to intercepted requests already running reach the client before closing.
        await intercepted.DrainAsync(TimeSpan.FromSeconds(2));
        backend.Close();
        SocketClose.Quietly(client);
        await fromClient.ContinueWith(static _ => { }, TaskScheduler.Default);

        // Read once the client thread has ended: it is the only writer, and it opens no connection after Close.
        if (fromDelve is { } pump)
        {
            await pump.ContinueWith(static _ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// Copies Delve's responses to the client, keeping each message whole so that intercepted
    /// answers never split one. Runs on its own thread with blocking socket calls: a proxy hop costs
    /// two wake-ups per round trip, and a blocked thread wakes faster than a thread-pool continuation.
    /// </summary>
    private void PumpFromDelve(Socket delve)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(256 * 1024);
        var holdingLock = false;
        try
        {
            while (true)
            {
                var read = delve.Receive(buffer, SocketFlags.None);
                if (read == 0)
                {
                    return;
                }

                if (!holdingLock)
                {
                    clientWrite.Wait();
                    holdingLock = true;
                }

                SendAll(client, buffer.AsSpan(0, read));
                Interlocked.Add(ref answered, buffer.AsSpan(0, read).Count((byte)'\n'));

                // Go terminates every response with '\n' and escapes newlines inside strings, so a
                // chunk ending in '\n' ends a message; otherwise the message continues in the next chunk.
                if (buffer[read - 1] == (byte)'\n')
                {
                    clientWrite.Release();
                    holdingLock = false;
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Either side closed.
        }
        finally
        {
            if (holdingLock)
            {
                clientWrite.Release();
            }

            ArrayPool<byte>.Shared.Return(buffer);
            delveClosed.TrySetResult();
        }
    }

    private static void SendAll(Socket socket, ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            data = data[socket.Send(data, SocketFlags.None)..];
        }
    }

    private void PumpFromClient(CancellationToken cancellationToken)
    {
        var framer = new JsonValueFramer();
        var buffer = new byte[64 * 1024];
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length >= options.MaxMessageBytes)
                    {
                        ReplyErrorAsync(null, $"dlvx: request larger than the {options.MaxMessageBytes / (1024 * 1024)} MiB limit; closing the connection", cancellationToken).GetAwaiter().GetResult();
                        return;
                    }

                    Array.Resize(ref buffer, Math.Min(buffer.Length * 2, options.MaxMessageBytes));
                }

                var read = client.Receive(buffer.AsSpan(length), SocketFlags.None);
                if (read == 0)
                {
                    return;
                }

                length += read;
                var consumed = 0;
                while (consumed < length)
                {
                    int end;
                    try
                    {
                        end = framer.FindEnd(buffer.AsSpan(consumed, length - consumed));
                    }
                    catch (FormatException e)
                    {
                        ReplyErrorAsync(null, $"dlvx: malformed JSON-RPC stream ({e.Message}); closing the connection", cancellationToken).GetAwaiter().GetResult();
                        return;
                    }

                    if (end < 0)
                    {
                        break;
                    }

                    var message = buffer.AsMemory(consumed, end);
                    consumed += end;
                    if (!HandleRequest(message, cancellationToken))
                    {
                        return;
                    }
                }

                if (consumed > 0)
                {
                    Buffer.BlockCopy(buffer, consumed, buffer, 0, length - consumed);
                    length -= consumed;
                }
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Either side closed.
        }
    }

    /// <summary>Forwards or answers one request. Returns false when the connection must close.</summary>
    private bool HandleRequest(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        JsonRpcRequestHeader header;
        try
        {
            // The reader does not check UTF-8 inside strings it skips; Go would silently replace
            // bad bytes, so refuse them here rather than pass on a request the user did not write.
            if (!System.Text.Unicode.Utf8.IsValid(message.Span))
            {
                throw new JsonException("invalid UTF-8");
            }

            header = JsonRpcRequestHeader.Read(message);
        }
        catch (JsonException e)
        {
            // Invalid UTF-8 or a broken value: we cannot know where the next request starts.
            ReplyErrorAsync(null, $"dlvx: malformed JSON-RPC request ({e.Message}); closing the connection", cancellationToken).GetAwaiter().GetResult();
            return false;
        }

        var id = header.IdJson is { } idJson ? JsonNode.Parse(idJson.Span) : null;
        if (header.Method is not { } method)
        {
            ReplyErrorAsync(id, "dlvx: request has no \"method\"", cancellationToken).GetAwaiter().GetResult();
            return true;
        }

        // Delve drops the whole connection on a request without a one-element params array.
        if (header.ParamsCount != 1)
        {
            ReplyErrorAsync(id, $"dlvx: {method}: \"params\" must be an array holding one object, for example \"params\":[{{}}]", cancellationToken).GetAwaiter().GetResult();
            return true;
        }

        if (!method.StartsWith("Dlvx.", StringComparison.Ordinal) && method is not ("RPCServer.Eval" or "RPCServer.SetApiVersion"))
        {
            return Forward(id, message, cancellationToken);
        }

        JsonObject? argument;
        try
        {
            argument = header.ArgumentJson is { } json ? JsonNode.Parse(json.Span, new JsonNodeOptions { PropertyNameCaseInsensitive = true }) as JsonObject : null;
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            ReplyErrorAsync(id, $"dlvx: {method}: cannot read params ({e.Message})", cancellationToken).GetAwaiter().GetResult();
            return true;
        }

        if (method.StartsWith("Dlvx.", StringComparison.Ordinal))
        {
            Intercept(id, () => HandleDlvxMethodAsync(method, argument, cancellationToken), cancellationToken);
            return true;
        }

        if (method == "RPCServer.Eval" && CommandLinePattern.Match(argument?["Expr"] is JsonValue expr && expr.TryGetValue<string>(out var exprText) ? exprText : null) is { } commandLine)
        {
            Intercept(id, () => EvalCommandAsync(commandLine, cancellationToken), cancellationToken);
            return true;
        }

        // API version is global to the Delve server: one client switching to v1 would break
        // every other client and the plugins.
        if (method == "RPCServer.SetApiVersion" && argument?["APIVersion"] is JsonValue version && version.TryGetValue<int>(out var wanted) && wanted != 2)
        {
            ReplyErrorAsync(id, $"dlvx serves Delve API v2 only; API v{wanted} was refused because it would switch every client of this session", cancellationToken).GetAwaiter().GetResult();
            return true;
        }

        return Forward(id, message, cancellationToken);
    }

    /// <summary>Passes a request to Delve, opening the connection first if this is the first one.</summary>
    private bool Forward(JsonNode? id, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        if (server is null && !OpenDelve(id, cancellationToken))
        {
            return false;
        }

        Interlocked.Increment(ref forwarded);
        SendAll(server!, message.Span);
        return true;
    }

    /// <summary>
    /// Connects to Delve and starts copying its responses. Replies to already intercepted requests
    /// may still be running: they and Delve's responses share <see cref="clientWrite"/>, exactly as
    /// when the connection was opened up front, so no message is split and Delve's responses keep
    /// Delve's order. Returns false, after answering the request with the reason, when Delve cannot
    /// be reached.
    /// </summary>
    private bool OpenDelve(JsonNode? id, CancellationToken cancellationToken)
    {
        Socket opened;
        try
        {
            // Blocking on purpose, on this dedicated thread: the socket stays in blocking mode for the pass-through threads.
            opened = backend.Connect();
        }
        catch (SocketException e)
        {
            logger.LogWarning("cannot reach Delve at {Backend}: {Message}", backend.Endpoint, e.Message);
            ReplyErrorAsync(id, $"dlvx: cannot reach Delve at {backend.Endpoint} ({e.Message}); closing the connection", cancellationToken).GetAwaiter().GetResult();
            return false;
        }

        server = opened;
        fromDelve = Task.Factory.StartNew(() => PumpFromDelve(opened), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return true;
    }

    private void Intercept(JsonNode? id, Func<Task<InterceptedResult>> handler, CancellationToken cancellationToken)
    {
        // Plugin commands run beside the connection's other requests: a slow command must not
        // hold up Delve's answers to this client.
        var task = Task.Run(
            async () =>
            {
                try
                {
                    var (result, data) = await handler();
                    await ReplyAsync(new JsonObject { ["id"] = id, ["result"] = result, ["error"] = null }, CancellationToken.None, data);
                }
                catch (InterceptedRequestException e)
                {
                    await ReplyErrorAsync(id, e.Message, CancellationToken.None);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    await ReplyErrorAsync(id, "dlvx is shutting down; the command was cancelled", CancellationToken.None);
                }
                catch (Exception e)
                {
                    logger.LogError(e, "intercepted request failed");
                    await ReplyErrorAsync(id, $"dlvx: internal error: {e.Message}", CancellationToken.None);
                }
            },
            CancellationToken.None);
        intercepted.Add(task);
    }

    private async Task<InterceptedResult> HandleDlvxMethodAsync(string method, JsonObject? argument, CancellationToken cancellationToken)
    {
        switch (method)
        {
            case "Dlvx.ListCommands":
                var commands = new JsonArray();
                foreach (var (command, plugin) in invoker.Catalog.Commands)
                {
                    commands.Add(new JsonObject
                    {
                        ["Name"] = command.Name,
                        ["Aliases"] = new JsonArray([.. command.Aliases.Select(a => (JsonNode?)a)]),
                        ["Summary"] = command.Summary,
                        ["Usage"] = command.Usage,
                        ["Plugin"] = plugin.Name,
                        ["PluginVersion"] = plugin.Version,
                    });
                }

                return new JsonObject { ["Commands"] = commands };

            case "Dlvx.Run":
                var name = argument?["Command"] is JsonValue n && n.TryGetValue<string>(out var text) ? text : null;
                if (string.IsNullOrWhiteSpace(name))
                {
                    throw new InterceptedRequestException("Dlvx.Run: params must be [{\"Command\":\"NAME\",\"Args\":[\"...\"]}]");
                }

                var words = new List<string>(CommandLineSplitter.Split(name));
                if (argument?["Args"] is JsonArray args)
                {
                    foreach (var arg in args)
                    {
                        words.Add(arg is JsonValue v && v.TryGetValue<string>(out var s) ? s
                            : throw new InterceptedRequestException("Dlvx.Run: Args must be an array of strings"));
                    }
                }
                else if (argument?["Args"] is not null)
                {
                    throw new InterceptedRequestException("Dlvx.Run: Args must be an array of strings");
                }

                var outcome = await invoker.InvokeAsync(words, ClientKind.JsonRpc, null, cancellationToken);
                if (!outcome.Succeeded)
                {
                    throw new InterceptedRequestException(outcome.Text);
                }

                var reply = new JsonObject
                {
                    ["Command"] = outcome.Command,
                    ["Text"] = outcome.Text,
                    // Filled in by ReplyAsync straight from the element: the data can be tens of megabytes.
                    ["Data"] = null,
                };
                return new InterceptedResult(reply, outcome.Data);

            case "Dlvx.Stats":
                return new JsonObject
                {
                    ["PluginDelveRequests"] = options.PluginDelveRequests(),
                    ["PluginDelveRoundTrips"] = options.PluginDelveRoundTrips(),
                    ["ClientConnectionsAccepted"] = statistics.ClientConnectionsAccepted,
                    ["ClientConnectionsOpen"] = statistics.ClientConnectionsOpen,
                    ["DelveConnectionsOpened"] = statistics.DelveConnectionsOpened,
                    ["DelveConnectionsOpen"] = statistics.DelveConnectionsOpen,
                    ["Plugins"] = invoker.Catalog.Plugins.Count,
                    ["PluginLoadFailures"] = new JsonArray([.. invoker.Catalog.Failures.Select(f => (JsonNode?)f.ToString())]),
                };

            default:
                throw new InterceptedRequestException($"unknown method: {method} (dlvx knows Dlvx.ListCommands, Dlvx.Run and Dlvx.Stats)");
        }
    }

    private async Task<InterceptedResult> EvalCommandAsync(string commandLine, CancellationToken cancellationToken)
    {
        var outcome = await invoker.InvokeAsync(commandLine, ClientKind.JsonRpc, null, cancellationToken, includeData: false);
        if (!outcome.Succeeded)
        {
            throw new InterceptedRequestException(outcome.Text);
        }

        // Shaped like Delve's api.Variable of kind string (24), so every client prints it as text.
        return new JsonObject
        {
            ["Variable"] = new JsonObject
            {
                ["name"] = "dlv " + commandLine,
                ["addr"] = 0,
                ["onlyAddr"] = false,
                ["type"] = "string",
                ["realType"] = "string",
                ["flags"] = 0,
                ["kind"] = 24,
                ["value"] = outcome.Text,
                ["len"] = outcome.Text.Length,
                ["cap"] = 0,
                ["children"] = new JsonArray(),
                ["base"] = 0,
                ["unreadable"] = "",
                ["LocationExpr"] = "",
                ["DeclLine"] = 0,
            },
        };
    }

    /// <summary>Writes the response with the Data member taken from the element as it is, not re-parsed.</summary>
    private static void WriteWithData(Utf8JsonWriter json, JsonObject response, JsonElement data)
    {
        json.WriteStartObject();
        foreach (var (name, value) in response)
        {
            json.WritePropertyName(name);
            if (name == "result" && value is JsonObject result)
            {
                json.WriteStartObject();
                foreach (var (field, fieldValue) in result)
                {
                    json.WritePropertyName(field);
                    if (field == "Data")
                    {
                        data.WriteTo(json);
                    }
                    else if (fieldValue is null)
                    {
                        json.WriteNullValue();
                    }
                    else
                    {
                        fieldValue.WriteTo(json);
                    }
                }

                json.WriteEndObject();
            }
            else if (value is null)
            {
                json.WriteNullValue();
            }
            else
            {
                value.WriteTo(json);
            }
        }

        json.WriteEndObject();
    }

    private Task ReplyErrorAsync(JsonNode? id, string message, CancellationToken cancellationToken) =>
        ReplyAsync(new JsonObject { ["id"] = id?.DeepClone(), ["result"] = null, ["error"] = message }, cancellationToken);

    private async Task ReplyAsync(JsonObject response, CancellationToken cancellationToken, JsonElement? data = null)
    {
        // One buffer, one send: the message and its newline must leave together.
        var writer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(writer, new JsonWriterOptions { Encoder = WireJson.Options.Encoder }))
        {
            if (data is { } element)
            {
                WriteWithData(json, response, element);
            }
            else
            {
                response.WriteTo(json);
            }
        }

        writer.Write(NewLine);
        await clientWrite.WaitAsync(cancellationToken);
        try
        {
            await client.SendAsync(writer.WrittenMemory, SocketFlags.None, cancellationToken);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The client left; nothing to answer.
        }
        finally
        {
            clientWrite.Release();
        }
    }
}
