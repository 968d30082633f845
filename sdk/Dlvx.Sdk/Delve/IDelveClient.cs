namespace Dlvx.Sdk.Delve;

/// <summary>
/// Typed access to Delve's JSON-RPC API v2 for the session's target. Inject it into a command's constructor.
/// </summary>
/// <remarks>
/// <para>
/// The host gives plugins their own connection to Delve, never a client's, so a command cannot
/// disturb what a user's client is waiting for. Calls may run concurrently.
/// </para>
/// <para>
/// Errors become exceptions: <see cref="ProcessExitedException"/> when the target has exited,
/// <see cref="SymbolNotFoundException"/> for unknown symbols, <see cref="DelveConnectionException"/>
/// when Delve cannot be reached, and <see cref="DelveException"/> for anything else, carrying Delve's message.
/// </para>
/// </remarks>
public interface IDelveClient
{
    /// <summary>Delve's and the target's versions (<c>RPCServer.GetVersion</c>).</summary>
    Task<VersionInfo> GetVersionAsync(CancellationToken cancellationToken = default);

    /// <summary>The debugger state (<c>RPCServer.State</c>).</summary>
    /// <param name="nonBlocking">When true, answers at once while the target runs, with <see cref="DebuggerState.Running"/> set.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    Task<DebuggerState> GetStateAsync(bool nonBlocking = true, CancellationToken cancellationToken = default);

    /// <summary>Runs an execution command such as <c>continue</c>, <c>next</c> or <c>halt</c> (<c>RPCServer.Command</c>).</summary>
    /// <param name="name">Delve's command name (see <see cref="DebuggerCommands"/>).</param>
    /// <param name="goroutineId">The goroutine for <c>switchGoroutine</c>.</param>
    /// <param name="cancellationToken">Abandons the wait; the command itself goes on.</param>
    Task<DebuggerState> CommandAsync(string name, long goroutineId = 0, CancellationToken cancellationToken = default);

    /// <summary>Lists goroutines, one page at a time, optionally filtered and grouped (<c>RPCServer.ListGoroutines</c>).</summary>
    Task<GoroutinePage> ListGoroutinesAsync(ListGoroutinesRequest request, CancellationToken cancellationToken = default);

    /// <summary>The stack of a goroutine (<c>RPCServer.Stacktrace</c>).</summary>
    /// <param name="goroutineId">The goroutine; -1 for the selected one.</param>
    /// <param name="depth">Most frames to return.</param>
    /// <param name="loadVariables">When not null, also reads each frame's locals and arguments with this configuration.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    Task<IReadOnlyList<Stackframe>> StacktraceAsync(long goroutineId, int depth, LoadConfig? loadVariables = null, CancellationToken cancellationToken = default);

    /// <summary>Evaluates a Go expression (<c>RPCServer.Eval</c>).</summary>
    /// <param name="expression">The expression, for example <c>runtime.memstats.numgc</c>.</param>
    /// <param name="scope">Where to evaluate; <see langword="null"/> for the selected goroutine's top frame.</param>
    /// <param name="config">How much to read; <see langword="null"/> for Delve's defaults.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    Task<Variable> EvalAsync(string expression, EvalScope? scope = null, LoadConfig? config = null, CancellationToken cancellationToken = default);

    /// <summary>Package-level variables whose names match a regular expression (<c>RPCServer.ListPackageVars</c>).</summary>
    Task<IReadOnlyList<Variable>> ListPackageVarsAsync(string filter, LoadConfig config, CancellationToken cancellationToken = default);

    /// <summary>Local variables of a frame (<c>RPCServer.ListLocalVars</c>).</summary>
    Task<IReadOnlyList<Variable>> ListLocalVarsAsync(EvalScope scope, LoadConfig config, CancellationToken cancellationToken = default);

    /// <summary>Arguments of a frame's function (<c>RPCServer.ListFunctionArgs</c>).</summary>
    Task<IReadOnlyList<Variable>> ListFunctionArgsAsync(EvalScope scope, LoadConfig config, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads target memory (<c>RPCServer.ExamineMemory</c>). Delve answers at most 1000 bytes per
    /// request; longer reads are split into several requests and joined.
    /// </summary>
    Task<MemoryBlock> ExamineMemoryAsync(ulong address, int length, CancellationToken cancellationToken = default);

    /// <summary>Resolves a location expression such as <c>main.go:42</c> or <c>main.worker</c> (<c>RPCServer.FindLocation</c>).</summary>
    Task<IReadOnlyList<Location>> FindLocationAsync(string location, EvalScope? scope = null, CancellationToken cancellationToken = default);

    /// <summary>Type names matching a regular expression (<c>RPCServer.ListTypes</c>).</summary>
    Task<IReadOnlyList<string>> ListTypesAsync(string filter, CancellationToken cancellationToken = default);

    /// <summary>Function names matching a regular expression (<c>RPCServer.ListFunctions</c>).</summary>
    Task<IReadOnlyList<string>> ListFunctionsAsync(string filter, CancellationToken cancellationToken = default);

    /// <summary>The target's threads (<c>RPCServer.ListThreads</c>).</summary>
    Task<IReadOnlyList<TargetThread>> ListThreadsAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates a breakpoint (<c>RPCServer.CreateBreakpoint</c>).</summary>
    /// <param name="breakpoint">Set <see cref="Breakpoint.FunctionName"/>, or <see cref="Breakpoint.File"/> and <see cref="Breakpoint.Line"/>, and optionally a condition.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    Task<Breakpoint> CreateBreakpointAsync(Breakpoint breakpoint, CancellationToken cancellationToken = default);

    /// <summary>Lists breakpoints (<c>RPCServer.ListBreakpoints</c>).</summary>
    /// <param name="includeInternal">Also list Delve's internal breakpoints.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    Task<IReadOnlyList<Breakpoint>> ListBreakpointsAsync(bool includeInternal = false, CancellationToken cancellationToken = default);

    /// <summary>Deletes a breakpoint by id (<c>RPCServer.ClearBreakpoint</c>).</summary>
    Task<Breakpoint> ClearBreakpointAsync(int id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Calls any other method of Delve's API v2 by name, for what this interface does not cover.
    /// </summary>
    /// <typeparam name="TResult">A type shaped like the method's <c>...Out</c> struct.</typeparam>
    /// <param name="method">The method, for example <c>RPCServer.ListPackagesBuildInfo</c>.</param>
    /// <param name="argument">An object shaped like the method's <c>...In</c> struct.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    Task<TResult> CallAsync<TResult>(string method, object argument, CancellationToken cancellationToken = default);
}
