using Dlvx.Sdk;
using Dlvx.Sdk.Runtime;

namespace Dlvx.Hosting.GoRuntime.Heap;

/// <summary>
/// The heap service a command sees. Everything the walk needs is learned from the target first
/// (layouts, spans, bitmap encoding, roots), so a layout the walk does not know fails in one line
/// before any object is read.
/// </summary>
internal sealed class GoHeap(StopView view) : IGoHeap
{
    public async Task<HeapWalkResult> WalkAsync(IProgress<CommandProgress>? progress = null, CancellationToken cancellationToken = default)
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
        var stacks = new StackRoots(view.Delve, layout, memory, spans, views, shapes);
        await stacks.AddAsync(roots, progress, cancellationToken);
        await new RuntimeRoots(layout, memory, spans, views).AddAsync(roots, cancellationToken);
        progress?.Report(new CommandProgress($"walking from {roots.Words.Count} root words ({roots.Roots.Count} roots, {stacks.Unwinds} stacks unwound)"));

        var walker = new HeapGraphWalker(memory, spans, bitmap, views, new ClosureLayouts(view.Delve, shapes), progress);
        var result = await walker.WalkAsync(roots, cancellationToken);
        progress?.Report(new CommandProgress($"marked {result.Objects} objects of {result.AllocatedObjects} allocated, {result.BytesRead >> 10} KiB read, {shapes.Evals} layouts learned"));
        return result;
    }
}
