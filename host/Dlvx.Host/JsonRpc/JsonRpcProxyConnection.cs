using System.Buffers;
using System.Net.Sockets;
using System.Text.Json;
using Dlvx.Host.Api;
using Dlvx.Host.Front;
using Dlvx.Sdk;
using Microsoft.Extensions.Logging;

namespace Dlvx.Host.JsonRpc;

/// <summary>
/// A JSON-RPC client (the dlv terminal, GoLand, a script) of the front port. Frames requests as
/// back-to-back JSON values and routes each: most pass through to Delve byte for byte; the dlvx API
/// (<c>Dlvx.*</c>) and Eval of <c>dlv COMMAND</c> are answered here; requests Delve would drop the
/// connection on, or that would change every client's session (<c>SetApiVersion</c> to v1), are
/// answered with an error and never forwarded. The lifecycle is <see cref="ProxyConnection"/>'s.
/// </summary>
/// <remarks>
/// Both pumps are threads of their own with blocking socket calls: a proxy hop costs two wake-ups
/// per round trip, and a blocked thread wakes faster than a thread-pool continuation.
/// </remarks>
internal sealed class JsonRpcProxyConnection : ProxyConnection
{
    private readonly DlvxApiEndpoint api;
    private long forwarded;
    private long answered;

    public JsonRpcProxyConnection(Socket client, BackendConnection backend, ProxyServices services)
        : base(client, backend, services) => api = new DlvxApiEndpoint(services);

    protected override Task PumpFromClientAsync(CancellationToken cancellationToken) =>
        Task.Factory.StartNew(() => PumpFromClient(cancellationToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    protected override Task PumpFromDelveAsync(Socket delve, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(() => PumpFromDelve(delve), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Every request forwarded gets exactly one response line; waits until they balance, at most 2 s.</summary>
    protected override async Task WaitForDelveAnswersAsync(Task delveClosed)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(2);
        while (Interlocked.Read(ref forwarded) > Interlocked.Read(ref answered) && !delveClosed.IsCompleted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10, CancellationToken.None);
        }
    }

    /// <summary>Copies Delve's responses to the client, keeping each message whole so that intercepted answers never split one.</summary>
    private void PumpFromDelve(Socket delve)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(256 * 1024);
        try
        {
            while (true)
            {
                var read = delve.Receive(buffer, SocketFlags.None);
                if (read == 0)
                {
                    return;
                }

                // Go terminates every response with '\n' and escapes newlines inside strings, so a
                // chunk ending in '\n' ends a message; otherwise the message continues in the next chunk.
                var chunk = buffer.AsSpan(0, read);
                Writer.WriteChunk(chunk, endsMessage: chunk[^1] == (byte)'\n');
                Interlocked.Add(ref answered, chunk.Count((byte)'\n'));
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Either side closed.
        }
        finally
        {
            Writer.ReleaseChunkTurn();
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void PumpFromClient(CancellationToken cancellationToken)
    {
        var framer = new JsonValueFramer();
        var buffer = new byte[64 * 1024];
        var length = 0;
        var limit = Services.Options.MaxMessageBytes;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length >= limit)
                    {
                        Reply(null, $"dlvx: request larger than the {limit / (1024 * 1024)} MiB limit; closing the connection");
                        return;
                    }

                    Array.Resize(ref buffer, Math.Min(buffer.Length * 2, limit));
                }

                var read = Client.Receive(buffer.AsSpan(length), SocketFlags.None);
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
                        Reply(null, $"dlvx: malformed JSON-RPC stream ({e.Message}); closing the connection");
                        return;
                    }

                    if (end < 0)
                    {
                        break;
                    }

                    var message = buffer.AsMemory(consumed, end);
                    consumed += end;
                    if (!Route(message, cancellationToken))
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
    private bool Route(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
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
            Reply(null, $"dlvx: malformed JSON-RPC request ({e.Message}); closing the connection");
            return false;
        }

        // The id is read (Id) only when dlvx answers the request itself: a forwarded one keeps it as sent.
        var id = header.IdJson;
        if (header.Method is not { } method)
        {
            Reply(Id(id), "dlvx: request has no \"method\"");
            return true;
        }

        // Delve drops the whole connection on a request without a one-element params array.
        if (header.ParamsCount != 1)
        {
            Reply(Id(id), $"dlvx: {method}: \"params\" must be an array holding one object, for example \"params\":[{{}}]");
            return true;
        }

        if (method.StartsWith(DlvxMethods.Prefix, StringComparison.Ordinal))
        {
            // Copied: the request is read on another thread, after this buffer has taken the next requests.
            ReadOnlyMemory<byte>? argument = header.ArgumentJson?.ToArray();
            Answer(Id(id), () => api.AnswerAsync(method, argument, notification => Notify(DlvxMethods.Progress, notification), cancellationToken), cancellationToken);
            return true;
        }

        if (method == "RPCServer.Eval" && CommandLinePattern.Match(Read<DelveEvalArguments>(header.ArgumentJson)?.Expr) is { } commandLine)
        {
            Answer(Id(id), () => EvalCommandAsync(commandLine, cancellationToken), cancellationToken);
            return true;
        }

        // API version is global to the Delve server: one client switching to v1 would break
        // every other client and the plugins.
        if (method == "RPCServer.SetApiVersion" && Read<DelveApiVersionArguments>(header.ArgumentJson) is { ApiVersion: { } wanted } && wanted != 2)
        {
            Reply(Id(id), $"dlvx serves Delve API v2 only; API v{wanted} was refused because it would switch every client of this session");
            return true;
        }

        return Forward(id, message);
    }

    /// <summary>Passes a request to Delve, opening the connection first if this is the first one.</summary>
    private bool Forward(ReadOnlyMemory<byte>? id, ReadOnlyMemory<byte> message)
    {
        var delve = Delve;
        if (delve is null)
        {
            delve = OpenDelve(out var failure);
            if (delve is null)
            {
                Reply(Id(id), failure);
                return false;
            }
        }

        Interlocked.Increment(ref forwarded);
        var rest = message.Span;
        while (!rest.IsEmpty)
        {
            rest = rest[delve.Send(rest, SocketFlags.None)..];
        }

        return true;
    }

    private void Answer(JsonElement? id, Func<Task<object>> answer, CancellationToken cancellationToken) => RunBeside(async () =>
    {
        JsonRpcResponse response;
        try
        {
            response = JsonRpcResponse.Success(id, await answer());
        }
        catch (InterceptedRequestException e)
        {
            response = JsonRpcResponse.Failure(id, e.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            response = JsonRpcResponse.Failure(id, "dlvx is shutting down; the command was cancelled");
        }
        catch (Exception e)
        {
            Services.Logger.LogError(e, "intercepted request failed");
            response = JsonRpcResponse.Failure(id, $"dlvx: internal error: {e.Message}");
        }

        await Writer.WriteAsync(JsonLine.Encode(response), CancellationToken.None);
    });

    private async Task<object> EvalCommandAsync(string commandLine, CancellationToken cancellationToken)
    {
        var outcome = await Invoker.InvokeAsync(commandLine, ClientKind.JsonRpc, null, cancellationToken, includeData: false);
        return outcome.Succeeded
            ? EvalResponse.ForText("dlv " + commandLine, outcome.Text)
            : throw new InterceptedRequestException(outcome.Text);
    }

    /// <summary>Answers on the client pump's thread, which then goes on reading (or closes).</summary>
    private void Reply(JsonElement? id, string error) =>
        Writer.WriteAsync(JsonLine.Encode(JsonRpcResponse.Failure(id, error)), CancellationToken.None).GetAwaiter().GetResult();

    private Task Notify(string method, object parameter) =>
        Writer.WriteAsync(JsonLine.Encode(new JsonRpcNotification(method, [parameter])), CancellationToken.None);

    /// <summary>The request's id as its own JSON value, independent of the receive buffer.</summary>
    private static JsonElement? Id(ReadOnlyMemory<byte>? idJson) => idJson is { } json ? JsonSerializer.Deserialize<JsonElement>(json.Span) : null;

    /// <summary>Reads the argument of one of Delve's own methods that dlvx looks into; null when it has another shape.</summary>
    private static T? Read<T>(ReadOnlyMemory<byte>? argument)
        where T : class
    {
        try
        {
            return argument is { } json ? JsonSerializer.Deserialize<T>(json.Span, DlvxApiJson.Options) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
