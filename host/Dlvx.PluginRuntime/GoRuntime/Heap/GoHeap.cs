using Dlvx.Sdk;
using Dlvx.Sdk.Runtime;

namespace Dlvx.PluginRuntime.GoRuntime.Heap;

/// <summary>The heap service a command sees, over one stop's <see cref="HeapContext"/>.</summary>
internal sealed class GoHeap(StopView view) : IGoHeap
{
    private Task<HeapContext>? context;
    private Task<HeapAnalysis>? analysis;

    public async Task<HeapWalkResult> WalkAsync(IProgress<CommandProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var heap = await ContextAsync(progress, cancellationToken);
        var walker = heap.Walker(progress, keepGraph: false);
        var result = await walker.WalkAsync(heap.Roots, cancellationToken);
        progress?.Report(new CommandProgress($"marked {result.Objects} objects of {result.AllocatedObjects} allocated, {result.BytesRead >> 10} KiB read, {heap.Shapes.Evals} layouts learned"));
        return result;
    }

    public async Task<HeapObjectInfo?> FindObjectAsync(ulong address, CancellationToken cancellationToken = default)
    {
        var heap = await ContextAsync(null, cancellationToken);
        var slot = heap.Spans.FindSlot(address, out var span);
        if (slot < 0)
        {
            return null;
        }

        // Its type, if a walk has run in this invocation; else only what its slot says.
        var analyzed = analysis is { IsCompletedSuccessfully: true } done ? done.Result : null;
        var slotBase = span!.SlotAddress(slot - span.FirstSlot);
        return analyzed?.Object(slot) ?? new HeapObjectInfo(slotBase + heap.Bitmap.DataOffset(span), span.ElementSize, $"<size class {span.ElementSize}>");
    }

    public async Task<HeapPathResult> FindPathsAsync(ulong address, int maxPaths = 1, IProgress<CommandProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var heap = await ContextAsync(progress, cancellationToken);
        var slot = heap.Spans.FindSlot(address, out _);
        if (slot < 0)
        {
            throw new GoValueException($"no allocated heap object holds 0x{address:x}");
        }

        var graph = await AnalysisAsync(progress, cancellationToken);
        progress?.Report(new CommandProgress($"finding paths to 0x{address:x}"));
        var paths = maxPaths <= 1
            ? (await graph.ShortestPathAsync(slot, cancellationToken)) is { Count: > 0 } shortest ? [shortest] : []
            : await graph.PathsAsync(slot, maxPaths, cancellationToken);
        return new HeapPathResult(graph.Object(slot), paths);
    }

    public async Task<HeapRetainersResult> FindRetainersAsync(int top, IProgress<CommandProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var graph = await AnalysisAsync(progress, cancellationToken);
        progress?.Report(new CommandProgress("computing the dominator tree"));
        return await graph.RetainersAsync(top, cancellationToken);
    }

    public async Task<HeapProfileSummary> WriteProfileAsync(Stream destination, IProgress<CommandProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var heap = await ContextAsync(progress, cancellationToken);
        var graph = await AnalysisAsync(progress, cancellationToken);
        progress?.Report(new CommandProgress("writing the profile"));
        return await new PprofWriter(graph, heap).WriteAsync(destination, cancellationToken);
    }

    public Task<HeapContext> ContextAsync(IProgress<CommandProgress>? progress, CancellationToken cancellationToken) =>
        (context ??= HeapContext.CreateAsync(view, progress, cancellationToken)).WaitAsync(cancellationToken);

    private async Task<HeapAnalysis> AnalysisAsync(IProgress<CommandProgress>? progress, CancellationToken cancellationToken)
    {
        var heap = await ContextAsync(progress, cancellationToken);
        return await (analysis ??= HeapAnalysis.RunAsync(heap, progress, cancellationToken)).WaitAsync(cancellationToken);
    }
}
