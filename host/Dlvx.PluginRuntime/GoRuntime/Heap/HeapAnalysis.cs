using System.Globalization;
using Dlvx.Sdk;
using Dlvx.Sdk.Runtime;

namespace Dlvx.PluginRuntime.GoRuntime.Heap;

/// <summary>
/// The reachable heap with its edges kept: shortest paths from the roots (a breadth-first tree),
/// paths back from one object to several roots, and the dominator tree (Lengauer-Tarjan) that says
/// what each object or root alone keeps alive.
/// </summary>
internal sealed class HeapAnalysis
{
    private const int Unreached = -1;

    private readonly HeapContext heap;
    private readonly HeapGraphWalker walker;
    private readonly HeapGraph graph;
    private readonly Dictionary<int, ulong> rootWordAddress = [];
    private readonly Dictionary<int, List<(int Root, ulong Address)>> rootsOf = [];
    private readonly Lock treeGate = new();

    // The breadth-first tree, made on first use: the dominator tree does not need it, and at 10^7
    // objects it is 80 MB that should not be held while that one is computed.
    private int[]? parent;          // slot -> parent slot, or -(root + 2) when a root reaches it first
    private List<int>? order;

    private HeapAnalysis(HeapContext heap, HeapGraphWalker walker)
    {
        this.heap = heap;
        this.walker = walker;
        graph = walker.Graph!;
    }

    public HeapGraphWalker Walker => walker;

    public HeapGraph Graph => graph;

    public static async Task<HeapAnalysis> RunAsync(HeapContext heap, IProgress<CommandProgress>? progress, CancellationToken cancellationToken)
    {
        var walker = heap.Walker(progress, keepGraph: true);
        await walker.WalkAsync(heap.Roots, cancellationToken);

        // The graph's indexes and the dominator tree need the room more than the cache of the heap
        // just walked does (128 MiB at most; at 10^7 objects the tree alone is several hundred MB).
        heap.Memory.DropBlocks();
        DominatorTree.ReleaseGarbage(walker.MarkedCount);
        progress?.Report(new CommandProgress($"indexing {walker.Graph!.EdgeCount} references between {walker.MarkedCount} objects"));
        walker.Graph!.Build(heap.Spans.SlotCount);
        DominatorTree.ReleaseGarbage(walker.MarkedCount); // the walk's edge lists, now indexed
        return new HeapAnalysis(heap, walker);
    }

    /// <summary>The object in <paramref name="slot"/>.</summary>
    public HeapObjectInfo Object(int slot)
    {
        var (span, index) = heap.Spans.Locate(slot);
        return new HeapObjectInfo(span.SlotAddress(index) + heap.Bitmap.DataOffset(span), span.ElementSize, TypeName(slot, span));
    }

    /// <summary>The shortest path from a root to <paramref name="slot"/>, root first.</summary>
    public async Task<IReadOnlyList<HeapPathStep>> ShortestPathAsync(int slot, CancellationToken cancellationToken)
    {
        var (parent, _) = Tree();
        var chain = new List<int>();
        for (var at = slot; at >= 0; at = parent[at])
        {
            chain.Add(at);
            if (chain.Count > heap.Spans.SlotCount)
            {
                break;
            }
        }

        if (chain.Count == 0 || parent[chain[^1]] == Unreached)
        {
            return [];
        }

        chain.Reverse();
        var root = -(parent[chain[0]] + 2);
        var steps = new List<HeapPathStep> { RootStep(root, rootWordAddress.GetValueOrDefault(chain[0])) };
        steps.Add(await StepAsync(-1, 0, chain[0], HeapEdgeKind.Root, cancellationToken));
        for (var i = 1; i < chain.Count; i++)
        {
            steps.Add(await StepAsync(chain[i - 1], ParentOffset(chain[i]), chain[i], null, cancellationToken));
        }

        return steps;
    }

    /// <summary>Up to <paramref name="max"/> shortest paths to <paramref name="slot"/>, each from a different root.</summary>
    public async Task<IReadOnlyList<IReadOnlyList<HeapPathStep>>> PathsAsync(int slot, int max, CancellationToken cancellationToken)
    {
        var paths = new List<IReadOnlyList<HeapPathStep>>();
        if (!walker.IsMarked(slot))
        {
            return paths;
        }

        // Backwards from the object: the first time a root is met, the chain back down is its shortest path.
        Tree(); // and the roots of each object
        var toward = new Dictionary<int, (int Next, uint Offset)> { [slot] = (-1, 0) };
        var queue = new Queue<int>([slot]);
        var usedRoots = new HashSet<int>();
        while (queue.TryDequeue(out var at) && paths.Count < max)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var (root, address) in rootsOf.GetValueOrDefault(at) ?? [])
            {
                if (paths.Count < max && usedRoots.Add(root))
                {
                    var steps = new List<HeapPathStep> { RootStep(root, address), await StepAsync(-1, 0, at, HeapEdgeKind.Root, cancellationToken) };
                    for (var (from, step) = (at, toward[at]); step.Next >= 0; (from, step) = (step.Next, toward[step.Next]))
                    {
                        steps.Add(await StepAsync(from, step.Offset, step.Next, null, cancellationToken));
                    }

                    paths.Add(steps);
                }
            }

            foreach (var (source, offset) in graph.In(at))
            {
                if (toward.TryAdd(source, (at, offset)))
                {
                    queue.Enqueue(source);
                }
            }
        }

        return paths;
    }

    /// <summary>The dominator tree's retained sizes: the top <paramref name="top"/> retainers (objects and roots).</summary>
    public async Task<HeapRetainersResult> RetainersAsync(int top, CancellationToken cancellationToken)
    {
        var (objects, bytes, largest) = Dominate(top, cancellationToken);
        DominatorTree.ReleaseGarbage(objects); // the tree, before the paths' breadth-first tree is made
        var retainers = new List<HeapRetainer>();
        foreach (var node in largest)
        {
            if (node.Root >= 0)
            {
                var root = heap.Roots.Roots[node.Root];
                retainers.Add(new HeapRetainer(root.Name, true, 0, 0, node.RetainedBytes, node.RetainedObjects, [RootStep(node.Root, 0)]));
            }
            else
            {
                var info = Object(node.Slot);
                retainers.Add(new HeapRetainer(info.Type, false, info.Address, (long)info.Size, node.RetainedBytes, node.RetainedObjects, await ShortestPathAsync(node.Slot, cancellationToken)));
            }
        }

        return new HeapRetainersResult(objects, bytes, retainers);
    }

    // Not inline in the async method: its locals would live on in the state machine, and the tree is
    // hundreds of MB at 10^7 objects.
    private (long Objects, long Bytes, List<(int Root, int Slot, long RetainedBytes, long RetainedObjects)> Largest) Dominate(int top, CancellationToken cancellationToken)
    {
        var dominators = new DominatorTree(heap, walker, graph);
        dominators.Compute(cancellationToken);
        return (dominators.Objects, dominators.Bytes, [.. dominators.Largest(top)]);
    }

    /// <summary>The type an object is counted under.</summary>
    public string TypeName(int slot, HeapSpan span)
    {
        var view = walker.ViewOf(slot);
        return view >= 0 ? heap.Views[view].Name
            : span.SizeClass != 0 ? string.Create(CultureInfo.InvariantCulture, $"<unknown, size class {span.ElementSize}>")
            : string.Create(CultureInfo.InvariantCulture, $"<unknown, {span.ElementSize} bytes>");
    }

    /// <summary>Every reached slot in breadth-first order: a slot's tree parent comes before it.</summary>
    public IReadOnlyList<int> Order => Tree().Order;

    /// <summary>The parent of a slot in the breadth-first tree: a slot, or -(root + 2), or -1.</summary>
    public int Parent(int slot) => Tree().Parent[slot];

    /// <summary>The offset of the word in the parent that reaches <paramref name="slot"/>.</summary>
    public uint ParentOffset(int slot)
    {
        // The parent's first word that points at the slot: the one the breadth-first walk took.
        var from = Tree().Parent[slot];
        var (start, end) = from >= 0 ? graph.OutRange(from) : (0, 0);
        for (var i = start; i < end; i++)
        {
            if (graph.OutTarget(i) == slot)
            {
                return graph.OutOffset(i);
            }
        }

        return 0;
    }

    public HeapPathStep RootStep(int root, ulong address) => new(HeapEdgeKind.Root, heap.Roots.Roots[root].Name, "", address, 0);

    // One step: how `from` (a slot, or -1 for a root) holds `slot` through the word at `offset`.
    public async Task<HeapPathStep> StepAsync(int from, uint offset, int slot, HeapEdgeKind? kind, CancellationToken cancellationToken)
    {
        var (span, index) = heap.Spans.Locate(slot);
        var type = TypeName(slot, span);
        var address = span.SlotAddress(index) + heap.Bitmap.DataOffset(span);
        if (from < 0)
        {
            return new HeapPathStep(kind ?? HeapEdgeKind.Root, "", type, address, 0);
        }

        var (fromSpan, fromIndex) = heap.Spans.Locate(from);
        var fromData = heap.Bitmap.DataOffset(fromSpan);
        var view = walker.ViewOf(from);
        if (view < 0 || offset < fromData)
        {
            return new HeapPathStep(HeapEdgeKind.Untyped, string.Create(CultureInfo.InvariantCulture, $"+{offset - fromData}"), type, address, offset - fromData);
        }

        var bytes = await heap.Memory.ReadAsync(fromSpan.SlotAddress(fromIndex) + fromData, (int)(fromSpan.ElementSize - fromData), cancellationToken);
        var hint = await heap.Views.DescribeAsync(heap.Views[view], new ObjectBytes(bytes, 0, bytes.Length, fromSpan.SlotAddress(fromIndex) + fromData), (long)(offset - fromData), cancellationToken);
        return new HeapPathStep(hint.Edge, Name(hint, offset - fromData), type, address, offset - fromData);
    }

    private static string Name(Hint hint, ulong offset)
    {
        var index = hint.Index >= 0 ? string.Create(CultureInfo.InvariantCulture, $"[{hint.Index}]") : "";
        var field = hint.Label.Length > 0 ? "." + hint.Label : "";
        var name = hint.Edge switch
        {
            HeapEdgeKind.MapKey => "key" + field,
            HeapEdgeKind.MapValue => "value" + field,
            HeapEdgeKind.Closure when hint.Label.Length > 0 => "capture " + hint.Label,
            HeapEdgeKind.Interface when field.Length == 0 => index + "(interface data)",
            _ => index + field,
        };
        return name.Length > 0 ? name : string.Create(CultureInfo.InvariantCulture, $"+{offset}");
    }

    private (int[] Parent, List<int> Order) Tree()
    {
        lock (treeGate)
        {
            if (parent is null || order is null)
            {
                parent = new int[heap.Spans.SlotCount];
                order = new List<int>((int)Math.Min(walker.MarkedCount, heap.Spans.SlotCount));
                Array.Fill(parent, Unreached);
                BreadthFirst(parent, order);
            }

            return (parent, order);
        }
    }

    // The order is the queue: a slot is appended when reached and taken in turn.
    private void BreadthFirst(int[] parent, List<int> order)
    {
        foreach (var (root, slot, address) in graph.RootEdges)
        {
            if (!rootsOf.TryGetValue(slot, out var list))
            {
                rootsOf[slot] = list = [];
            }

            list.Add((root, address));
            if (parent[slot] == Unreached)
            {
                parent[slot] = -(root + 2);
                rootWordAddress[slot] = address;
                order.Add(slot);
            }
        }

        for (var next = 0; next < order.Count; next++)
        {
            var at = order[next];
            var (start, end) = graph.OutRange(at);
            for (var i = start; i < end; i++)
            {
                var target = graph.OutTarget(i);
                if (parent[target] == Unreached && target != at)
                {
                    parent[target] = at;
                    order.Add(target);
                }
            }
        }
    }
}
