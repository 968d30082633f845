using System.Net.Sockets;
using System.Text.Json;
using Dlvx.Sdk.Delve;
using Dlvx.PluginRuntime.Delve.Replies;
using StreamJsonRpc;

namespace Dlvx.PluginRuntime.Delve;

/// <summary>
/// <see cref="IDelveClient"/> over StreamJsonRpc, speaking Go's JSON-RPC 1.0 codec to a Delve
/// headless server. The connection is opened on first use and re-opened on the next call after it breaks.
/// </summary>
internal sealed class DelveClient : IDelveClient, IAsyncDisposable
{
    /// <summary>Delve refuses ExamineMemory requests longer than this.</summary>
    public const int MaxExamineLength = 1000;

    // Enough requests in flight to hide the round trip, few enough not to flood Delve's read loop.
    private const int MaxMemoryRequestsInFlight = 32;

    private static readonly JsonSerializerOptions SerializerOptions = CreateSerializerOptions();

    private readonly DelveEndpoint endpoint;
    private readonly SemaphoreSlim connectLock = new(1, 1);
    private readonly List<(string Method, Delegate Handler)> notificationHandlers = [];
    private JsonRpc? rpc;
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
    public async Task<VersionInfo> GetVersionAsync(CancellationToken cancellationToken = default) =>
        await CallAsync<VersionInfo>("RPCServer.GetVersion", new { }, cancellationToken);

    /// <inheritdoc/>
    public async Task<DebuggerState> GetStateAsync(bool nonBlocking = true, CancellationToken cancellationToken = default)
    {
        var result = await CallAsync<StateResult>("RPCServer.State", new { NonBlocking = nonBlocking }, cancellationToken);
        return result.State ?? throw new DelveException("Delve returned no state") { Method = "RPCServer.State" };
    }

    /// <inheritdoc/>
    public async Task<DebuggerState> CommandAsync(string name, long goroutineId = 0, CancellationToken cancellationToken = default)
    {
        var result = await CallAsync<StateResult>("RPCServer.Command", new { name, goroutineID = goroutineId }, cancellationToken);
        return result.State ?? throw new DelveException("Delve returned no state") { Method = "RPCServer.Command" };
    }

    /// <inheritdoc/>
    public Task<GoroutinePage> ListGoroutinesAsync(ListGoroutinesRequest request, CancellationToken cancellationToken = default) =>
        CallAsync<GoroutinePage>("RPCServer.ListGoroutines", request, cancellationToken);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Stackframe>> StacktraceAsync(long goroutineId, int depth, LoadConfig? loadVariables = null, CancellationToken cancellationToken = default)
    {
        var argument = new { Id = goroutineId, Depth = depth, Full = loadVariables is not null, Cfg = loadVariables };
        var result = await CallAsync<StacktraceResult>("RPCServer.Stacktrace", argument, cancellationToken);
        return result.Locations ?? [];
    }

    /// <inheritdoc/>
    public async Task<Variable> EvalAsync(string expression, EvalScope? scope = null, LoadConfig? config = null, CancellationToken cancellationToken = default)
    {
        var argument = new { Scope = scope ?? EvalScope.Current, Expr = expression, Cfg = config };
        var result = await CallAsync<EvalResult>("RPCServer.Eval", argument, cancellationToken);
        return result.Variable ?? throw new DelveException($"Delve returned no value for {expression}") { Method = "RPCServer.Eval" };
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Variable>> ListPackageVarsAsync(string filter, LoadConfig config, CancellationToken cancellationToken = default) =>
        (await CallAsync<VariablesResult>("RPCServer.ListPackageVars", new { Filter = filter, Cfg = config }, cancellationToken)).Variables ?? [];

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Variable>> ListLocalVarsAsync(EvalScope scope, LoadConfig config, CancellationToken cancellationToken = default) =>
        (await CallAsync<VariablesResult>("RPCServer.ListLocalVars", new { Scope = scope, Cfg = config }, cancellationToken)).Variables ?? [];

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Variable>> ListFunctionArgsAsync(EvalScope scope, LoadConfig config, CancellationToken cancellationToken = default) =>
        (await CallAsync<ArgsResult>("RPCServer.ListFunctionArgs", new { Scope = scope, Cfg = config }, cancellationToken)).Args ?? [];

    /// <inheritdoc/>
    public async Task<MemoryBlock> ExamineMemoryAsync(ulong address, int length, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length <= MaxExamineLength)
        {
            var single = await CallAsync<MemoryResult>("RPCServer.ExamineMemory", new { Address = address, Length = length }, cancellationToken);
            return new MemoryBlock(address, single.Mem ?? [], single.IsLittleEndian);
        }

        // Delve answers synchronous requests on one connection in order, so pipelining the chunks
        // costs one round trip per window instead of one per chunk.
        var bytes = new byte[length];
        var littleEndian = true;
        using var window = new SemaphoreSlim(MaxMemoryRequestsInFlight);
        var chunks = new List<Task>();
        for (var offset = 0; offset < length; offset += MaxExamineLength)
        {
            var chunkOffset = offset;
            var chunkLength = Math.Min(MaxExamineLength, length - offset);
            await window.WaitAsync(cancellationToken);
            chunks.Add(ReadChunkAsync());

            async Task ReadChunkAsync()
            {
                try
                {
                    var chunk = await CallAsync<MemoryResult>("RPCServer.ExamineMemory", new { Address = address + (ulong)chunkOffset, Length = chunkLength }, cancellationToken);
                    (chunk.Mem ?? []).CopyTo(bytes.AsSpan(chunkOffset));
                    littleEndian = chunk.IsLittleEndian;
                }
                finally
                {
                    window.Release();
                }
            }
        }

        await Task.WhenAll(chunks);
        return new MemoryBlock(address, bytes, littleEndian);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Location>> FindLocationAsync(string location, EvalScope? scope = null, CancellationToken cancellationToken = default) =>
        (await CallAsync<LocationsResult>("RPCServer.FindLocation", new { Scope = scope ?? EvalScope.Current, Loc = location }, cancellationToken)).Locations ?? [];

    /// <inheritdoc/>
    public async Task<IReadOnlyList<string>> ListTypesAsync(string filter, CancellationToken cancellationToken = default) =>
        (await CallAsync<TypesResult>("RPCServer.ListTypes", new { Filter = filter }, cancellationToken)).Types ?? [];

    /// <inheritdoc/>
    public async Task<IReadOnlyList<string>> ListFunctionsAsync(string filter, CancellationToken cancellationToken = default) =>
        (await CallAsync<FunctionsResult>("RPCServer.ListFunctions", new { Filter = filter }, cancellationToken)).Funcs ?? [];

    /// <inheritdoc/>
    public async Task<IReadOnlyList<TargetThread>> ListThreadsAsync(CancellationToken cancellationToken = default) =>
        (await CallAsync<ThreadsResult>("RPCServer.ListThreads", new { }, cancellationToken)).Threads ?? [];

    /// <inheritdoc/>
    public async Task<Breakpoint> CreateBreakpointAsync(Breakpoint breakpoint, CancellationToken cancellationToken = default) =>
        (await CallAsync<BreakpointResult>("RPCServer.CreateBreakpoint", new { Breakpoint = breakpoint }, cancellationToken)).Breakpoint
        ?? throw new DelveException("Delve returned no breakpoint") { Method = "RPCServer.CreateBreakpoint" };

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Breakpoint>> ListBreakpointsAsync(bool includeInternal = false, CancellationToken cancellationToken = default) =>
        (await CallAsync<BreakpointsResult>("RPCServer.ListBreakpoints", new { All = includeInternal }, cancellationToken)).Breakpoints ?? [];

    /// <inheritdoc/>
    public async Task<Breakpoint> ClearBreakpointAsync(int id, CancellationToken cancellationToken = default) =>
        (await CallAsync<BreakpointResult>("RPCServer.ClearBreakpoint", new { Id = id }, cancellationToken)).Breakpoint
        ?? throw new DelveException($"Delve returned no breakpoint for id {id}") { Method = "RPCServer.ClearBreakpoint" };

    /// <inheritdoc/>
    public async Task<TResult> CallAsync<TResult>(string method, object argument, CancellationToken cancellationToken = default)
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

    private async ValueTask<JsonRpc> ConnectAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var current = rpc;
        if (current is not null && !current.Completion.IsCompleted)
        {
            return current;
        }

        await connectLock.WaitAsync(cancellationToken);
        try
        {
            if (rpc is not null && !rpc.Completion.IsCompleted)
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
