using System.Collections.Concurrent;
using Dlvx.PluginRuntime.GoRuntime.Values;
using Dlvx.Sdk.Delve;
using Dlvx.Sdk.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Dlvx.PluginRuntime.GoRuntime;

/// <summary>
/// The Go runtime model of one dlvx session, shared by every plugin: what is true for the life of a
/// target process (its layout, and whether its memory can be read directly) is learned once per
/// process; what belongs to one stop (memory, the heap) is built afresh for each command invocation.
/// </summary>
internal sealed class GoRuntimeSession(IDelveClient delve) : IDisposable
{
    /// <summary>Set to 0 to read all target memory through Delve (for comparisons and diagnosis).</summary>
    public const string DirectMemoryVariable = "DLVX_DIRECT_MEMORY";

    private const int VerifyLength = 512;

    private readonly ConcurrentDictionary<int, Lazy<Task<TargetProcess>>> processes = new();

    /// <summary>Adds the model's services to a plugin's container: the layout, memory and heap of the current stop.</summary>
    public void AddServices(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddScoped(_ => new StopView(this));
        services.AddScoped<IRuntimeLayout>(provider => provider.GetRequiredService<StopView>().Layout);
        services.AddScoped<ITargetMemory>(provider => provider.GetRequiredService<StopView>().Memory);
        services.AddScoped<IGoHeap>(provider => provider.GetRequiredService<StopView>().Heap);
        services.AddScoped<IGoroutines>(provider => provider.GetRequiredService<StopView>().Goroutines);
        services.AddScoped<IGoroutineListing>(provider => provider.GetRequiredService<StopView>().Listing);
        services.AddScoped<IGoValues>(provider => provider.GetRequiredService<StopView>().Values);
    }

    /// <summary>A view of the target at its current stop, for hosts and tests that do not go through DI.</summary>
    public StopView CreateStopView() => new(this);

    public void Dispose()
    {
        foreach (var process in processes.Values.Where(p => p.IsValueCreated && p.Value.IsCompletedSuccessfully))
        {
            process.Value.Result.Direct?.Dispose();
        }
    }

    internal IDelveClient Delve => delve;

    /// <summary>The current target process: its pid is asked once per stop view, the rest is cached per pid.</summary>
    internal async Task<TargetProcess> CurrentProcessAsync(CancellationToken cancellationToken)
    {
        var pid = (await delve.CallAsync<ProcessPidResult>("RPCServer.ProcessPid", new { }, cancellationToken)).Pid;
        var entry = processes.GetOrAdd(pid, p => new Lazy<Task<TargetProcess>>(() => OpenAsync(p)));
        var process = await entry.Value.WaitAsync(cancellationToken);

        // A new process (a restart) has its own layout: forget the old ones.
        foreach (var old in processes.Keys.Where(k => k != pid))
        {
            if (processes.TryRemove(old, out var stale) && stale.IsValueCreated && stale.Value.IsCompletedSuccessfully)
            {
                stale.Value.Result.Direct?.Dispose();
            }
        }

        return process;
    }

    private async Task<TargetProcess> OpenAsync(int pid)
    {
        var layout = new DelveRuntimeLayout(delve);
        var direct = Environment.GetEnvironmentVariable(DirectMemoryVariable) == "0" ? null : ProcessMemorySource.TryOpen(pid);
        if (direct is not null && !await ReadsTheSameAsync(direct, layout))
        {
            // Another machine's or container's process with the same pid: read through Delve.
            direct.Dispose();
            direct = null;
        }

        return new TargetProcess(pid, layout, direct) { Types = new GoTypeCatalog(delve, layout) };
    }

    private async Task<bool> ReadsTheSameAsync(ProcessMemorySource direct, DelveRuntimeLayout layout)
    {
        try
        {
            var sample = await layout.GetGlobalAsync("runtime.mheap_", CancellationToken.None);
            var throughDelve = await new DelveMemorySource(delve).ReadAsync(sample.Address, VerifyLength, CancellationToken.None);
            var straight = direct.Read(sample.Address, VerifyLength);
            return throughDelve is not null && straight is not null && throughDelve.AsSpan().SequenceEqual(straight);
        }
        catch (Exception e) when (e is DelveException or RuntimeLayoutException)
        {
            return false;
        }
    }

    /// <summary>What dlvx keeps about one target process.</summary>
    internal sealed record TargetProcess(int ProcessId, DelveRuntimeLayout Layout, ProcessMemorySource? Direct)
    {
        /// <summary>The process's Go types, learned once.</summary>
        public GoTypeCatalog Types { get; init; } = null!;
    }

    private sealed class ProcessPidResult
    {
        public int Pid { get; set; }
    }
}
