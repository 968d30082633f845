using Dlvx.PluginRuntime.GoRuntime.Goroutines;
using Dlvx.PluginRuntime.GoRuntime.Heap;
using Dlvx.PluginRuntime.GoRuntime.Values;
using Dlvx.Sdk.Runtime;

namespace Dlvx.PluginRuntime.GoRuntime;

/// <summary>
/// The target as one command invocation sees it: the process's layout (shared, learned once) and a
/// memory cache and heap model of its own, so nothing read at one stop is served at the next.
/// </summary>
internal sealed class StopView
{
    private readonly GoRuntimeSession session;
    private readonly Lazy<Task<GoRuntimeSession.TargetProcess>> process;
    private readonly Lazy<Task<TargetMemory>> memory;
    private readonly Lazy<Task<IReadOnlyList<ModuleRange>>> modules;
    private readonly Lazy<Task<RuntimeTypes>> types;
    private readonly Lazy<Task<IReadOnlyList<AllGoroutines.Entry>>> goroutineStructs;
    private readonly GoHeap heap;

    internal StopView(GoRuntimeSession session)
    {
        this.session = session;
        process = new(() => session.CurrentProcessAsync(CancellationToken.None));
        memory = new(async () =>
        {
            var current = await process.Value;
            return new TargetMemory(current.Direct is { } direct ? direct : new DelveMemorySource(session.Delve));
        });
        modules = new(async () => await ModuleList.ReadAsync(await LayoutAsync(CancellationToken.None), await MemoryAsync(CancellationToken.None), CancellationToken.None));
        types = new(async () => await RuntimeTypes.CreateAsync(await LayoutAsync(CancellationToken.None), await MemoryAsync(CancellationToken.None), await ModulesAsync(CancellationToken.None), CancellationToken.None));
        goroutineStructs = new(async () =>
        {
            var layout = await LayoutAsync(CancellationToken.None);
            return await AllGoroutines.ReadAsync(layout, await MemoryAsync(CancellationToken.None), await layout.GetStructAsync("runtime.g", CancellationToken.None), CancellationToken.None);
        });
        Layout = new StopLayout(this);
        Memory = new StopMemory(this);
        heap = new GoHeap(this);
        Heap = heap;
        Goroutines = new GoroutineModel(this);
        Listing = new GoroutineListing(this);
        Values = new GoValues(this);
    }

    /// <summary>The target's runtime layout.</summary>
    public IRuntimeLayout Layout { get; }

    /// <summary>The target's memory at this stop.</summary>
    public ITargetMemory Memory { get; }

    /// <summary>The target's heap at this stop.</summary>
    public IGoHeap Heap { get; }

    /// <summary>The target's goroutines at this stop.</summary>
    public IGoroutines Goroutines { get; }

    /// <summary>Delve's goroutine listing at this stop, read per stack shape.</summary>
    public GoroutineListing Listing { get; }

    /// <summary>Typed values of the target at this stop.</summary>
    public IGoValues Values { get; }

    internal Dlvx.Sdk.Delve.IDelveClient Delve => session.Delve;

    internal async Task<GoTypeCatalog> TypeCatalogAsync(CancellationToken cancellationToken) => (await process.Value.WaitAsync(cancellationToken)).Types;

    internal async Task<DelveRuntimeLayout> LayoutAsync(CancellationToken cancellationToken) => (await process.Value.WaitAsync(cancellationToken)).Layout;

    internal Task<TargetMemory> MemoryAsync(CancellationToken cancellationToken) => memory.Value.WaitAsync(cancellationToken);

    /// <summary>The target's modules, read once per stop view.</summary>
    internal Task<IReadOnlyList<ModuleRange>> ModulesAsync(CancellationToken cancellationToken) => modules.Value.WaitAsync(cancellationToken);

    /// <summary>What every heap question at this stop starts from.</summary>
    internal Task<HeapContext> HeapContextAsync(IProgress<Dlvx.Sdk.CommandProgress>? progress, CancellationToken cancellationToken) => heap.ContextAsync(progress, cancellationToken);

    /// <summary>Every entry of <c>runtime.allgs</c> with its <c>g</c>, read once per stop view (the goroutine model and the listing both start from them).</summary>
    internal Task<IReadOnlyList<AllGoroutines.Entry>> GoroutineStructsAsync(CancellationToken cancellationToken) => goroutineStructs.Value.WaitAsync(cancellationToken);

    /// <summary>The runtime's type descriptors, read as needed.</summary>
    internal Task<RuntimeTypes> TypesAsync(CancellationToken cancellationToken) => types.Value.WaitAsync(cancellationToken);
}
