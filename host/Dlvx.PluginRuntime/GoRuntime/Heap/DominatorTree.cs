namespace Dlvx.PluginRuntime.GoRuntime.Heap;

/// <summary>
/// The dominator tree of the reachable heap, by Lengauer and Tarjan's algorithm (with path
/// compression), over one virtual root above every root: an object's immediate dominator is the
/// last node every path from the roots to it passes through, so what a node dominates is what would
/// be freed without it. Iterative throughout: heap chains are far deeper than a thread's stack.
/// </summary>
internal sealed class DominatorTree(HeapContext heap, HeapGraphWalker walker, HeapGraph graph)
{
    // Node numbering: 0 is the virtual root, 1..R the roots, R+1.. the marked objects.
    private int rootCount;
    private int nodeCount;
    private int[] slotOfNode = [];
    private int[] nodeOfSlot = [];
    private long[] shallow = [];
    private long[] retainedBytes = [];
    private long[] retainedObjects = [];
    private int[] idom = [];

    /// <summary>Reachable objects.</summary>
    public long Objects { get; private set; }

    /// <summary>Their bytes.</summary>
    public long Bytes { get; private set; }

    public void Compute(CancellationToken cancellationToken)
    {
        Number();
        var (successorStart, successors) = Successors();
        var (predecessorStart, predecessors) = Reverse(successorStart, successors);

        // Depth-first preorder from the virtual root.
        var preorder = new int[nodeCount];      // node -> preorder index, or -1
        var vertex = new int[nodeCount];        // preorder index -> node
        var dfsParent = new int[nodeCount];
        Array.Fill(preorder, -1);
        var count = 0;
        var stack = new Stack<(int Node, int Next)>();
        preorder[0] = count;
        vertex[count++] = 0;
        stack.Push((0, successorStart[0]));
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            if (next < successorStart[node + 1])
            {
                stack.Push((node, next + 1));
                var child = successors[next];
                if (preorder[child] < 0)
                {
                    preorder[child] = count;
                    vertex[count++] = child;
                    dfsParent[child] = node;
                    stack.Push((child, successorStart[child]));
                }
            }

            if ((count & 0xffff) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        // Semi-dominators in reverse preorder, with a forest (ancestor, label) for EVAL and LINK.
        var semi = new int[nodeCount];
        var ancestor = new int[nodeCount];
        var label = new int[nodeCount];
        var bucketHead = new int[nodeCount];
        var bucketNext = new int[nodeCount];
        idom = new int[nodeCount];
        for (var v = 0; v < nodeCount; v++)
        {
            semi[v] = preorder[v];
            ancestor[v] = -1;
            label[v] = v;
            bucketHead[v] = -1;
        }

        var path = new List<int>();
        for (var i = count - 1; i >= 1; i--)
        {
            var w = vertex[i];
            for (var p = predecessorStart[w]; p < predecessorStart[w + 1]; p++)
            {
                var v = predecessors[p];
                if (preorder[v] < 0)
                {
                    continue;
                }

                var u = Eval(v, ancestor, label, semi, path);
                if (semi[u] < semi[w])
                {
                    semi[w] = semi[u];
                }
            }

            var semiVertex = vertex[semi[w]];
            bucketNext[w] = bucketHead[semiVertex];
            bucketHead[semiVertex] = w;
            var parentOfW = dfsParent[w];
            ancestor[w] = parentOfW;
            for (var v = bucketHead[parentOfW]; v >= 0; v = bucketNext[v])
            {
                var u = Eval(v, ancestor, label, semi, path);
                idom[v] = semi[u] < semi[v] ? u : parentOfW;
            }

            bucketHead[parentOfW] = -1;
            if ((i & 0xffff) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        for (var i = 1; i < count; i++)
        {
            var w = vertex[i];
            if (idom[w] != vertex[semi[w]])
            {
                idom[w] = idom[idom[w]];
            }
        }

        // Retained sizes: children before parents, in reverse preorder.
        retainedBytes = (long[])shallow.Clone();
        retainedObjects = new long[nodeCount];
        for (var v = rootCount + 1; v < nodeCount; v++)
        {
            retainedObjects[v] = 1;
        }

        for (var i = count - 1; i >= 1; i--)
        {
            var w = vertex[i];
            retainedBytes[idom[w]] += retainedBytes[w];
            retainedObjects[idom[w]] += retainedObjects[w];
        }

        Objects = retainedObjects[0];
        Bytes = retainedBytes[0];
    }

    /// <summary>The nodes that retain the most bytes (the virtual root left out): a root's index, or an object's slot.</summary>
    public IEnumerable<(int Root, int Slot, long RetainedBytes, long RetainedObjects)> Largest(int top) =>
        Enumerable.Range(1, nodeCount - 1)
            .OrderByDescending(v => retainedBytes[v]).ThenBy(v => v)
            .Take(top)
            .Select(v => v <= rootCount ? (v - 1, -1, retainedBytes[v], retainedObjects[v]) : (-1, slotOfNode[v], retainedBytes[v], retainedObjects[v]));

    /// <summary>The immediate dominator of an object's node: a slot, -(root + 2), or -1 for the virtual root.</summary>
    public int ImmediateDominatorOf(int slot)
    {
        var d = idom[nodeOfSlot[slot]];
        return d == 0 ? -1 : d <= rootCount ? -(d - 1 + 2) : slotOfNode[d];
    }

    /// <summary>Retained bytes and objects of an object.</summary>
    public (long Bytes, long Objects) RetainedBy(int slot) => (retainedBytes[nodeOfSlot[slot]], retainedObjects[nodeOfSlot[slot]]);

    // EVAL with iterative path compression: the node of minimal semi on v's path to its forest root.
    private static int Eval(int v, int[] ancestor, int[] label, int[] semi, List<int> path)
    {
        if (ancestor[v] < 0)
        {
            return v;
        }

        path.Clear();
        for (var at = v; ancestor[ancestor[at]] >= 0; at = ancestor[at])
        {
            path.Add(at);
        }

        for (var i = path.Count - 1; i >= 0; i--)
        {
            var at = path[i];
            var up = ancestor[at];
            if (semi[label[up]] < semi[label[at]])
            {
                label[at] = label[up];
            }

            ancestor[at] = ancestor[up];
        }

        return label[v];
    }

    private void Number()
    {
        rootCount = heap.Roots.Roots.Count;
        nodeOfSlot = new int[heap.Spans.SlotCount];
        Array.Fill(nodeOfSlot, -1);
        var slots = new List<int>();
        foreach (var span in heap.Spans.Spans)
        {
            for (var i = 0; i < span.SlotCount; i++)
            {
                if (walker.IsMarked(span.FirstSlot + i))
                {
                    nodeOfSlot[span.FirstSlot + i] = 1 + rootCount + slots.Count;
                    slots.Add(span.FirstSlot + i);
                }
            }
        }

        nodeCount = 1 + rootCount + slots.Count;
        slotOfNode = new int[nodeCount];
        shallow = new long[nodeCount];
        for (var i = 0; i < slots.Count; i++)
        {
            slotOfNode[1 + rootCount + i] = slots[i];
            shallow[1 + rootCount + i] = (long)heap.Spans.Locate(slots[i]).Span.ElementSize;
        }
    }

    private (int[] Start, int[] Targets) Successors()
    {
        var start = new int[nodeCount + 1];
        var rootTargets = new List<int>[rootCount];
        for (var r = 0; r < rootCount; r++)
        {
            rootTargets[r] = [];
        }

        foreach (var (root, slot, _) in graph.RootEdges)
        {
            if (nodeOfSlot[slot] >= 0)
            {
                rootTargets[root].Add(nodeOfSlot[slot]);
            }
        }

        var targets = new List<int>(graph.EdgeCount + graph.RootEdges.Count + rootCount);
        start[0] = 0;
        for (var r = 0; r < rootCount; r++)
        {
            targets.Add(1 + r);
        }

        start[1] = targets.Count;
        for (var r = 0; r < rootCount; r++)
        {
            targets.AddRange(rootTargets[r]);
            start[2 + r] = targets.Count;
        }

        for (var v = rootCount + 1; v < nodeCount; v++)
        {
            var (from, to) = graph.OutRange(slotOfNode[v]);
            for (var i = from; i < to; i++)
            {
                var target = nodeOfSlot[graph.OutTarget(i)];
                if (target >= 0)
                {
                    targets.Add(target);
                }
            }

            start[v + 1] = targets.Count;
        }

        return (start, [.. targets]);
    }

    private (int[] Start, int[] Sources) Reverse(int[] successorStart, int[] successors)
    {
        var start = new int[nodeCount + 1];
        foreach (var target in successors)
        {
            start[target + 1]++;
        }

        for (var i = 0; i < nodeCount; i++)
        {
            start[i + 1] += start[i];
        }

        var next = (int[])start.Clone();
        var sources = new int[successors.Length];
        for (var v = 0; v < nodeCount; v++)
        {
            for (var e = successorStart[v]; e < successorStart[v + 1]; e++)
            {
                sources[next[successors[e]]++] = v;
            }
        }

        return (start, sources);
    }
}
