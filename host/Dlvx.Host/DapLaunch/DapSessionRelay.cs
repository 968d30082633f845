using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dlvx.Host.Dap;
using Dlvx.Host.Front;
using Dlvx.PluginRuntime.Delve;

namespace Dlvx.Host.DapLaunch;

/// <summary>
/// The editor's half of a launched session: a DAP connection to the session's own front port, opened
/// the way a remote-attach client opens it (<c>initialize</c>, then <c>attach</c> in mode remote), and
/// then a pipe between it and the editor. From there on the editor's requests take the route every
/// DAP client of dlvx takes (<see cref="DapProxyConnection"/>: plugin commands answered, everything
/// else passed to Delve), and Delve's answers and events come back unchanged.
/// </summary>
/// <remarks>
/// dlvx also sends requests of its own on the connection, to end the session (<see cref="RequestAsync"/>):
/// their answers are dlvx's, never the editor's.
/// </remarks>
internal sealed class DapSessionRelay : IAsyncDisposable
{
    // dlvx's own requests count down from here, far from any editor's sequence numbers.
    private const long FirstOwnSeq = int.MaxValue;

    private readonly Socket session;
    private readonly DapMessageReader sessionReader;
    private readonly ClientWriter editor;
    private readonly ConcurrentDictionary<long, TaskCompletionSource<JsonObject>> ownRequests = new();
    private long ownSeq = FirstOwnSeq + 1;
    private volatile bool forwarding = true;
    private Task? fromSession;

    private DapSessionRelay(Socket session, int maxMessageBytes, ClientWriter editor)
    {
        this.session = session;
        this.editor = editor;
        sessionReader = new DapMessageReader(session, maxMessageBytes);
    }

    /// <summary>Completes when the session's side closed (Delve exited or dlvx stopped the session).</summary>
    public Task SessionClosed => fromSession ?? Task.CompletedTask;

    /// <summary>Connects to the session's front port.</summary>
    public static async Task<DapSessionRelay> ConnectAsync(DelveEndpoint front, ClientWriter editor, int maxMessageBytes, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(front.Host, front.Port, cancellationToken);
            return new DapSessionRelay(socket, maxMessageBytes, editor);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens the session: the editor's own <c>initialize</c> (Delve learns the editor's capabilities
    /// from it), then <paramref name="attach"/>. Returns Delve's answers and the events it sent meanwhile.
    /// </summary>
    /// <exception cref="LaunchRefusedException">The session's side closed, or answered neither in time.</exception>
    public async Task<SessionHandshake> OpenAsync(DapFrame initialize, JsonObject attach, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        var events = new List<JsonObject>();
        try
        {
            await session.SendAsync(initialize.Raw, SocketFlags.None, deadline.Token);
            var initializeSeq = Seq(JsonNode.Parse(initialize.Body.Span) as JsonObject);
            var initialized = await ReadResponseAsync(initializeSeq, events, deadline.Token);
            await session.SendAsync(DapMessages.Frame(attach), SocketFlags.None, deadline.Token);
            var attached = await ReadResponseAsync(Seq(attach), events, deadline.Token);
            return new SessionHandshake(initialized, attached, events);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new LaunchRefusedException("Delve did not answer initialize and attach within 60 s", e);
        }
        catch (SocketException e)
        {
            throw new LaunchRefusedException($"the debug session closed while it was being opened ({e.Message})", e);
        }
    }

    /// <summary>Starts passing the session's messages to the editor, unchanged and whole.</summary>
    public void StartRelaying(CancellationToken cancellationToken) => fromSession = RelayFromSessionAsync(cancellationToken);

    /// <summary>
    /// Sends a request of dlvx's own and returns Delve's answer, which the editor does not see. Once
    /// called, nothing more from the session reaches the editor: dlvx is ending the session, and the
    /// editor has had its last word (disconnect).
    /// </summary>
    /// <exception cref="TimeoutException">No answer in <paramref name="timeout"/>.</exception>
    /// <exception cref="SocketException">The session's side has closed.</exception>
    public async Task<JsonObject> RequestAsync(string command, JsonObject? arguments, TimeSpan timeout)
    {
        forwarding = false;
        var seq = Interlocked.Decrement(ref ownSeq);
        var answer = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        ownRequests[seq] = answer;
        try
        {
            var request = new JsonObject { ["seq"] = seq, ["type"] = "request", ["command"] = command };
            if (arguments is not null)
            {
                request["arguments"] = arguments;
            }

            if (SessionClosed.IsCompleted)
            {
                // The relay has stopped reading: no answer can come.
                throw new SocketException((int)SocketError.ConnectionReset);
            }

            await session.SendAsync(DapMessages.Frame(request), SocketFlags.None);
            return await answer.Task.WaitAsync(timeout);
        }
        finally
        {
            ownRequests.TryRemove(seq, out _);
        }
    }

    /// <summary>Passes one of the editor's messages to the session.</summary>
    /// <returns>False when the session's side has closed.</returns>
    public async Task<bool> ForwardAsync(DapFrame message, CancellationToken cancellationToken)
    {
        try
        {
            await session.SendAsync(message.Raw, SocketFlags.None, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>Closes the connection to the session's front port and waits until nothing more is relayed from it.</summary>
    public async ValueTask DisposeAsync()
    {
        SocketClose.Quietly(session);
        await SessionClosed.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(static _ => { }, TaskScheduler.Default);
        session.Dispose();
    }

    // Whether this message answers a request of dlvx's own (which it then completes).
    private bool AnswersOwnRequest(DapFrame frame)
    {
        try
        {
            if (JsonNode.Parse(frame.Body.Span) is JsonObject message && message["type"]?.GetValue<string>() == "response"
                && message["request_seq"] is JsonValue answered && answered.TryGetValue<long>(out var seq) && ownRequests.TryGetValue(seq, out var pending))
            {
                pending.TrySetResult(message);
                return true;
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not JSON dlvx can read: not an answer to dlvx.
        }

        return false;
    }

    private static long Seq(JsonObject? message) => message?["seq"] is JsonValue value && value.TryGetValue<long>(out var seq) ? seq : 0;

    private async Task<JsonObject> ReadResponseAsync(long requestSeq, List<JsonObject> events, CancellationToken cancellationToken)
    {
        try
        {
            while (await sessionReader.ReadAsync(cancellationToken) is { } frame)
            {
                if (JsonNode.Parse(frame.Body.Span) is not JsonObject message)
                {
                    continue;
                }

                if (message["type"]?.GetValue<string>() == "response" && message["request_seq"] is JsonValue answered && answered.TryGetValue<long>(out var seq) && seq == requestSeq)
                {
                    return message;
                }

                events.Add(message);
            }
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw new LaunchRefusedException($"the debug session closed while it was being opened ({e.Message})", e);
        }

        throw new LaunchRefusedException("the debug session closed while it was being opened");
    }

    private async Task RelayFromSessionAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await sessionReader.ReadAsync(cancellationToken) is { } frame)
            {
                if (!ownRequests.IsEmpty && AnswersOwnRequest(frame))
                {
                    continue;
                }

                if (forwarding)
                {
                    await editor.WriteAsync(frame.Raw, cancellationToken);
                }
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException or FormatException)
        {
            // The session's side closed.
        }
        finally
        {
            foreach (var pending in ownRequests.Values)
            {
                pending.TrySetException(new SocketException((int)SocketError.ConnectionReset));
            }
        }
    }
}
