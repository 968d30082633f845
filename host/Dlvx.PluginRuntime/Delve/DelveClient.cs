using System.Net.Sockets;
using System.Text.Json;
using Dlvx.Sdk.Delve;
using StreamJsonRpc;

namespace Dlvx.PluginRuntime.Delve;

/// <summary>
/// <see cref="IDelveClient"/> over StreamJsonRpc, speaking Go's JSON-RPC 1.0 codec to a Delve headless
/// server (the typed methods are <see cref="DelveApiClient"/>'s). The connection is opened on first use
/// and re-opened on the next call after it breaks.
/// </summary>
internal sealed class DelveClient : DelveApiClient, IAsyncDisposable
{
    private static readonly JsonSerializerOptions SerializerOptions = CreateSerializerOptions();

    private readonly DelveEndpoint endpoint;
    private readonly SemaphoreSlim connectLock = new(1, 1);
    private readonly List<(string Method, Delegate Handler)> notificationHandlers = [];
    private JsonRpc? rpc;

    // The connection whose Disconnected event has fired. StreamJsonRpc raises the event before it completes
    // the connection's Completion task, so a call made in between must not pick the dying connection.
    private JsonRpc? disconnected;
    private bool disposed;
    private long requestCount;
    private long roundTripCount;
    private int inFlight;

    /// <summary>Creates a client for the Delve server at <paramref name="endpoint"/>; nothing connects until the first call.</summary>
    public DelveClient(DelveEndpoint endpoint) => this.endpoint = endpoint;

    /// <summary>Why the last connection ended, for diagnostics; null while none has.</summary>
    public string? LastDisconnect { get; private set; }

    /// <summary>How many requests this client has sent to Delve (for diagnostics and benchmarks).</summary>
    public long RequestCount => Interlocked.Read(ref requestCount);

    /// <summary>
    /// How many sequential round trips those requests took: a request sent while none is
    /// outstanding starts a new one; requests pipelined behind it share it.
    /// </summary>
    public long RoundTripCount => Interlocked.Read(ref roundTripCount);

    /// <summary>The JSON options used for Delve's types; shared so callers serialise the same way.</summary>
    public static JsonSerializerOptions JsonOptions => SerializerOptions;

    /// <summary>
    /// Handles a notification the server sends on this client's connection. Delve sends none; dlvx
    /// sends <c>Dlvx.Progress</c> to clients that ask for it. Register before the first call.
    /// </summary>
    /// <typeparam name="T">The type of the notification's one parameter.</typeparam>
    /// <param name="method">The notification's method name.</param>
    /// <param name="handler">Called with each notification's parameter.</param>
    public void OnNotification<T>(string method, Action<T> handler)
    {
        if (rpc is not null)
        {
            throw new InvalidOperationException("register notification handlers before the first call");
        }

        notificationHandlers.Add((method, handler));
    }

    /// <inheritdoc/>
    public override async Task<TResult> CallAsync<TResult>(string method, object argument, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        var connection = await ConnectAsync(cancellationToken);
        Interlocked.Increment(ref requestCount);
        if (Interlocked.Increment(ref inFlight) == 1)
        {
            Interlocked.Increment(ref roundTripCount);
        }

        try
        {
            return await connection.InvokeWithCancellationAsync<TResult>(method, [argument], cancellationToken);
        }
        catch (RemoteInvocationException e)
        {
            throw DelveErrors.Translate(method, e.Message, e);
        }
        catch (ConnectionLostException e)
        {
            throw new DelveConnectionException($"lost the connection to Delve at {endpoint} during {method} ({LastDisconnect})", e) { Method = method };
        }
        catch (ObjectDisposedException e) when (!disposed)
        {
            throw new DelveConnectionException($"lost the connection to Delve at {endpoint} during {method}", e) { Method = method };
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        disposed = true;
        rpc?.Dispose();
        if (rpc is not null)
        {
            await rpc.Completion.ContinueWith(static _ => { }, TaskScheduler.Default);
        }

        connectLock.Dispose();
    }

    private static JsonSerializerOptions CreateSerializerOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            // Go's encoder emits both camelCase tags and bare PascalCase field names; Go's decoder
            // matches case-insensitively, so the client does too.
            PropertyNameCaseInsensitive = true,
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString,
        };
        return options;
    }

    private bool IsUsable([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] JsonRpc? connection) =>
        connection is not null && !connection.Completion.IsCompleted && !ReferenceEquals(connection, Volatile.Read(ref disconnected));

    private async ValueTask<JsonRpc> ConnectAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var current = rpc;
        if (IsUsable(current))
        {
            return current;
        }

        await connectLock.WaitAsync(cancellationToken);
        try
        {
            if (IsUsable(rpc))
            {
                return rpc;
            }

            rpc?.Dispose();
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(endpoint.Host, endpoint.Port, cancellationToken);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                throw new DelveConnectionException($"cannot connect to Delve at {endpoint}: {e.Message}", e);
            }

            var formatter = new SystemTextJsonFormatter { JsonSerializerOptions = SerializerOptions };
            var handler = new GoJsonRpcMessageHandler(new NetworkStream(socket, ownsSocket: true), formatter);

            // Delve knows nothing of $/cancelRequest: a cancelled call is simply abandoned.
            var connection = new JsonRpc(handler) { CancellationStrategy = null };
            connection.Disconnected += (_, e) =>
            {
                Volatile.Write(ref disconnected, connection);
                if (!disposed)
                {
                    LastDisconnect = $"{e.Reason}: {e.Description} {e.Exception?.GetType().Name} {e.Exception?.Message}";
                }
            };
            foreach (var (method, onNotification) in notificationHandlers)
            {
                connection.AddLocalRpcMethod(method, onNotification);
            }

            connection.StartListening();
            rpc = connection;
            return connection;
        }
        finally
        {
            connectLock.Release();
        }
    }

}
