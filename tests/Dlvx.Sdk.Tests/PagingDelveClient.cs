using Dlvx.Sdk.Delve;

namespace Dlvx.Sdk.Tests;

/// <summary>A Delve that answers ListGoroutines the way Delve pages (Nextg -1 after the last page) and nothing else.</summary>
internal sealed class PagingDelveClient(int total) : IDelveClient
{
    public List<(int Start, int Count)> Requests { get; } = [];

    public Task<GoroutinePage> ListGoroutinesAsync(ListGoroutinesRequest request, CancellationToken cancellationToken = default)
    {
        Requests.Add((request.Start, request.Count));
        var end = Math.Min(total, request.Start + request.Count);
        var page = new GoroutinePage
        {
            Goroutines = [.. Enumerable.Range(request.Start + 1, Math.Max(0, end - request.Start)).Select(id => new Goroutine { Id = id })],
            Nextg = end < total ? end : -1,
        };
        return Task.FromResult(page);
    }

    public Task<VersionInfo> GetVersionAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<DebuggerState> GetStateAsync(bool nonBlocking = true, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<DebuggerState> CommandAsync(string name, long goroutineId = 0, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<Stackframe>> StacktraceAsync(long goroutineId, int depth, LoadConfig? loadVariables = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<Variable> EvalAsync(string expression, EvalScope? scope = null, LoadConfig? config = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<Variable>> ListPackageVarsAsync(string filter, LoadConfig config, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<Variable>> ListLocalVarsAsync(EvalScope scope, LoadConfig config, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<Variable>> ListFunctionArgsAsync(EvalScope scope, LoadConfig config, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<MemoryBlock> ExamineMemoryAsync(ulong address, int length, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<Location>> FindLocationAsync(string location, EvalScope? scope = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<string>> ListTypesAsync(string filter, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<string>> ListFunctionsAsync(string filter, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<TargetThread>> ListThreadsAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<Breakpoint> CreateBreakpointAsync(Breakpoint breakpoint, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<Breakpoint>> ListBreakpointsAsync(bool includeInternal = false, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<Breakpoint> ClearBreakpointAsync(int id, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<TResult> CallAsync<TResult>(string method, object argument, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
