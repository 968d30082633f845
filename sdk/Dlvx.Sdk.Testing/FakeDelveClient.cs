using Dlvx.Sdk.Delve;

namespace Dlvx.Sdk.Testing;

/// <summary>
/// A base for hand-written fakes of <see cref="IDelveClient"/>: override the methods the command under
/// test uses and return the test's own answers. Every other method fails with a message naming it, so a
/// command that starts asking something new fails clearly instead of getting an empty answer.
/// </summary>
/// <remarks>
/// <see cref="GetStateAsync"/> answers with a stopped target by default, because the host asks it before
/// each command that needs one. For answers taken from a real Delve, record and replay instead
/// (<see cref="DelveRecorder"/>, <see cref="DelveRecording"/>).
/// </remarks>
/// <example>
/// <code>
/// sealed class TwoGoroutines : FakeDelveClient
/// {
///     public override Task&lt;GoroutinePage&gt; ListGoroutinesAsync(ListGoroutinesRequest request, CancellationToken cancellationToken = default) =>
///         Task.FromResult(new GoroutinePage { Goroutines = [new Goroutine { Id = 1 }, new Goroutine { Id = 2 }], Nextg = -1 });
/// }
/// </code>
/// </example>
public class FakeDelveClient : IDelveClient
{
    /// <inheritdoc/>
    public virtual Task<VersionInfo> GetVersionAsync(CancellationToken cancellationToken = default) => NotFaked<VersionInfo>(nameof(GetVersionAsync));

    /// <inheritdoc/>
    /// <remarks>A stopped target unless overridden.</remarks>
    public virtual Task<DebuggerState> GetStateAsync(bool nonBlocking = true, CancellationToken cancellationToken = default) => Task.FromResult(new DebuggerState());

    /// <inheritdoc/>
    public virtual Task<DebuggerState> CommandAsync(string name, long goroutineId = 0, CancellationToken cancellationToken = default) => NotFaked<DebuggerState>(nameof(CommandAsync));

    /// <inheritdoc/>
    public virtual Task<GoroutinePage> ListGoroutinesAsync(ListGoroutinesRequest request, CancellationToken cancellationToken = default) => NotFaked<GoroutinePage>(nameof(ListGoroutinesAsync));

    /// <inheritdoc/>
    public virtual Task<IReadOnlyList<Stackframe>> StacktraceAsync(long goroutineId, int depth, LoadConfig? loadVariables = null, CancellationToken cancellationToken = default) => NotFaked<IReadOnlyList<Stackframe>>(nameof(StacktraceAsync));

    /// <inheritdoc/>
    public virtual Task<Variable> EvalAsync(string expression, EvalScope? scope = null, LoadConfig? config = null, CancellationToken cancellationToken = default) => NotFaked<Variable>(nameof(EvalAsync));

    /// <inheritdoc/>
    public virtual Task<IReadOnlyList<Variable>> ListPackageVarsAsync(string filter, LoadConfig config, CancellationToken cancellationToken = default) => NotFaked<IReadOnlyList<Variable>>(nameof(ListPackageVarsAsync));

    /// <inheritdoc/>
    public virtual Task<IReadOnlyList<Variable>> ListLocalVarsAsync(EvalScope scope, LoadConfig config, CancellationToken cancellationToken = default) => NotFaked<IReadOnlyList<Variable>>(nameof(ListLocalVarsAsync));

    /// <inheritdoc/>
    public virtual Task<IReadOnlyList<Variable>> ListFunctionArgsAsync(EvalScope scope, LoadConfig config, CancellationToken cancellationToken = default) => NotFaked<IReadOnlyList<Variable>>(nameof(ListFunctionArgsAsync));

    /// <inheritdoc/>
    public virtual Task<MemoryBlock> ExamineMemoryAsync(ulong address, int length, CancellationToken cancellationToken = default) => NotFaked<MemoryBlock>(nameof(ExamineMemoryAsync));

    /// <inheritdoc/>
    public virtual Task<IReadOnlyList<Location>> FindLocationAsync(string location, EvalScope? scope = null, CancellationToken cancellationToken = default) => NotFaked<IReadOnlyList<Location>>(nameof(FindLocationAsync));

    /// <inheritdoc/>
    public virtual Task<IReadOnlyList<string>> ListTypesAsync(string filter, CancellationToken cancellationToken = default) => NotFaked<IReadOnlyList<string>>(nameof(ListTypesAsync));

    /// <inheritdoc/>
    public virtual Task<IReadOnlyList<string>> ListFunctionsAsync(string filter, CancellationToken cancellationToken = default) => NotFaked<IReadOnlyList<string>>(nameof(ListFunctionsAsync));

    /// <inheritdoc/>
    public virtual Task<IReadOnlyList<TargetThread>> ListThreadsAsync(CancellationToken cancellationToken = default) => NotFaked<IReadOnlyList<TargetThread>>(nameof(ListThreadsAsync));

    /// <inheritdoc/>
    public virtual Task<Breakpoint> CreateBreakpointAsync(Breakpoint breakpoint, CancellationToken cancellationToken = default) => NotFaked<Breakpoint>(nameof(CreateBreakpointAsync));

    /// <inheritdoc/>
    public virtual Task<IReadOnlyList<Breakpoint>> ListBreakpointsAsync(bool includeInternal = false, CancellationToken cancellationToken = default) => NotFaked<IReadOnlyList<Breakpoint>>(nameof(ListBreakpointsAsync));

    /// <inheritdoc/>
    public virtual Task<Breakpoint> ClearBreakpointAsync(int id, CancellationToken cancellationToken = default) => NotFaked<Breakpoint>(nameof(ClearBreakpointAsync));

    /// <inheritdoc/>
    /// <remarks>The runtime services (<see cref="Dlvx.Sdk.Runtime.IGoValues"/>...) ask through this; a fake rarely answers them well: record and replay instead.</remarks>
    public virtual Task<TResult> CallAsync<TResult>(string method, object argument, CancellationToken cancellationToken = default) => NotFaked<TResult>($"{nameof(CallAsync)} ({method})");

    private Task<T> NotFaked<T>(string member) =>
        Task.FromException<T>(new NotSupportedException($"{GetType().Name} does not answer {member}: override it to give the test's answer"));
}
