using Dlvx.Sdk;

namespace Dlvx.PluginRuntime.GoRuntime.Heap;

/// <summary>
/// What every heap question at one stop starts from, learned once per command invocation: the
/// layouts, the spans, the bitmap encoding, the views and the roots. Everything is learned before any
/// object is read, so a layout the walk does not know fails in one line first.
/// </summary>
internal sealed class HeapContext
{
    private HeapContext()
    {
    }

    public required DelveRuntimeLayout Layout { get; init; }

    public required TargetMemory Memory { get; init; }

    public required SpanTable Spans { get; init; }

    public required IReadOnlyList<ModuleRange> Modules { get; init; }

    public required RuntimeTypes Types { get; init; }

    public required PointerBitmap Bitmap { get; init; }

    public required TypeShapes Shapes { get; init; }

    public required ViewCatalog Views { get; init; }

    public required ClosureLayouts Closures { get; init; }

    public required RootSet Roots { get; init; }

    public required int Unwinds { get; init; }

    public static async Task<HeapContext> CreateAsync(StopView view, IProgress<CommandProgress>? progress, CancellationToken cancellationToken)
    {
        var layout = await view.LayoutAsync(cancellationToken);
        var memory = await view.MemoryAsync(cancellationToken);
        progress?.Report(new CommandProgress("reading the heap's spans"));
        var arenas = await HeapArenas.ReadAsync(layout, memory, cancellationToken);
        var spans = await SpanTable.ReadAsync(layout, memory, arenas, cancellationToken);
        var modules = await view.ModulesAsync(cancellationToken);
        var types = await view.TypesAsync(cancellationToken);
        var bitmap = await PointerBitmap.CreateAsync(layout, memory, arenas, types, cancellationToken);
        var sample = (await layout.GetGlobalAsync("runtime.mheap_", cancellationToken)).Address;
        var shapes = new TypeShapes(view.Delve, sample);
        var maps = await MapRuntime.ReadAsync(layout, cancellationToken);
        var hchanLayout = await layout.FindStructAsync("runtime.hchan", cancellationToken);
        var hchan = hchanLayout is null ? null : await shapes.GetAsync("runtime.hchan", sample, cancellationToken);
        var views = new ViewCatalog(shapes, new InterfaceTypes(view.Delve), maps, hchan, hchanLayout, sample);
        progress?.Report(new CommandProgress($"{spans.Spans.Count} spans in use ({bitmap.Encoding}); finding roots"));

        var roots = new RootSet();
        await GlobalRoots.AddAsync(roots, view.Delve, memory, modules, spans, views, shapes, cancellationToken);
        // The g structures, read once per stop and shared with the goroutine model and the listing.
        var stacks = new StackRoots(view.Delve, layout, memory, spans, views, shapes, await view.GoroutineStructsAsync(cancellationToken));
        await stacks.AddAsync(roots, progress, cancellationToken);
        await new RuntimeRoots(layout, memory, spans, views).AddAsync(roots, cancellationToken);
        progress?.Report(new CommandProgress($"{roots.Words.Count} root words ({roots.Roots.Count} roots, {stacks.Unwinds} stacks unwound)"));
        return new HeapContext
        {
            Layout = layout,
            Memory = memory,
            Spans = spans,
            Modules = modules,
            Types = types,
            Bitmap = bitmap,
            Shapes = shapes,
            Views = views,
            Closures = new ClosureLayouts(view.Delve, shapes),
            Roots = roots,
            Unwinds = stacks.Unwinds,
        };
    }

    /// <summary>A walker over this context.</summary>
    public HeapGraphWalker Walker(IProgress<CommandProgress>? progress, bool keepGraph, IReadOnlySet<ulong>? hiddenWords = null) =>
        new(Memory, Spans, Bitmap, Views, Closures, progress) { Graph = keepGraph ? new HeapGraph() : null, HiddenWords = hiddenWords };
}
