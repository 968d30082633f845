using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dlvx.IntegrationTests.Infrastructure;

/// <summary>
/// A Chrome DevTools Protocol connection over a WebSocket: numbered requests answered by id, events
/// kept in order for whoever waits for them. Every wait has a deadline.
/// </summary>
internal sealed class DevToolsConnection : IAsyncDisposable
{
    private readonly ClientWebSocket socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonObject>> pending = new();
    private readonly List<JsonObject> events = [];

    // Completed (and replaced) whenever an event arrives, so waiters wake on events rather than on a timer.
    private TaskCompletionSource arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource closing = new();
    private Task reading = Task.CompletedTask;
    private int nextId;

    public static async Task<DevToolsConnection> ConnectAsync(Uri endpoint, TimeSpan timeout)
    {
        var connection = new DevToolsConnection();
        using var deadline = new CancellationTokenSource(timeout);
        await connection.socket.ConnectAsync(endpoint, deadline.Token);
        connection.reading = connection.ReadAsync();
        return connection;
    }

    /// <summary>Sends a command (to a page when <paramref name="sessionId"/> is given) and returns its result.</summary>
    /// <exception cref="InvalidOperationException">The browser answered with an error.</exception>
    /// <exception cref="TimeoutException">No answer in time.</exception>
    public async Task<JsonObject> SendAsync(string method, JsonObject? parameters, string? sessionId, TimeSpan timeout)
    {
        var id = Interlocked.Increment(ref nextId);
        var answer = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = answer;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? [] };
        if (sessionId is not null)
        {
            message["sessionId"] = sessionId;
        }

        await socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, closing.Token);
        try
        {
            var response = await answer.Task.WaitAsync(timeout);
            return response["error"] is { } error
                ? throw new InvalidOperationException($"{method}: {error.ToJsonString()}")
                : response["result"]?.AsObject() ?? [];
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Chromium did not answer {method} within {timeout.TotalSeconds:0} s");
        }
        finally
        {
            pending.TryRemove(id, out _);
        }
    }

    /// <summary>Waits for an event (of a page's session, when given) that arrived or arrives after <paramref name="after"/> events.</summary>
    public async Task<JsonObject> WaitForEventAsync(string method, string? sessionId, int after, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Task next;
            lock (events)
            {
                var found = events.Skip(after).FirstOrDefault(e => e["method"]?.GetValue<string>() == method && (sessionId is null || e["sessionId"]?.GetValue<string>() == sessionId));
                if (found is not null)
                {
                    return found;
                }

                next = arrived.Task;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || await Task.WhenAny(next, Task.Delay(left)) != next)
            {
                throw new TimeoutException($"Chromium sent no {method} within {timeout.TotalSeconds:0} s");
            }
        }
    }

    /// <summary>How many events arrived so far (to wait only for later ones).</summary>
    public int EventCount
    {
        get
        {
            lock (events)
            {
                return events.Count;
            }
        }
    }

    /// <summary>The events received so far with that method.</summary>
    public IReadOnlyList<JsonObject> Events(string method)
    {
        lock (events)
        {
            return events.Where(e => e["method"]?.GetValue<string>() == method).ToList();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await closing.CancelAsync();
        socket.Abort();
        await reading.ContinueWith(static _ => { }, TaskScheduler.Default);
        socket.Dispose();
        closing.Dispose();
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        try
        {
            while (!closing.IsCancellationRequested)
            {
                var received = await socket.ReceiveAsync(buffer, closing.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage)
                {
                    continue;
                }

                var json = JsonNode.Parse(message.ToArray())!.AsObject();
                message.SetLength(0);
                if (json["id"] is { } id && pending.TryGetValue(id.GetValue<int>(), out var answer))
                {
                    answer.TrySetResult(json);
                }
                else if (json["method"] is not null)
                {
                    lock (events)
                    {
                        events.Add(json);
                        arrived.TrySetResult();
                        arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    }
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or JsonException)
        {
            // The browser went away or we are closing: pending requests time out with their own message.
        }
    }
}
