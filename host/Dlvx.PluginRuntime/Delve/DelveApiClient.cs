using Dlvx.PluginRuntime.Delve.Replies;
using Dlvx.Sdk.Delve;

namespace Dlvx.PluginRuntime.Delve;

/// <summary>
/// The typed methods of <see cref="IDelveClient"/>, each one Delve request written down once: its
/// method name and its argument. Every request goes through <see cref="CallAsync{TResult}"/>, so a
/// subclass that decides where requests go (a connection to Delve, a recording of one) answers all
/// of them the same way and sees exactly what is sent.
/// </summary>
internal abstract class DelveApiClient : IDelveClient
{
    /// <summary>Delve refuses ExamineMemory requests longer than this (up to Delve 1.23).</summary>
    public const int MaxExamineLength = 1000;

    // Enough requests in flight to hide the round trip, few enough not to flood Delve's read loop.
    private const int MaxMemoryRequestsInFlight = 32;

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
    public abstract Task<TResult> CallAsync<TResult>(string method, object argument, CancellationToken cancellationToken = default);
}
