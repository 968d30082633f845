namespace Dlvx.PluginRuntime.GoRuntime.Heap;

/// <summary>
/// The dominator tree of the reachable heap, over one virtual root above every root: semi-dominators
/// as Lengauer and Tarjan compute them (with path compression), then immediate dominators by
/// Georgiadis' SEMI-NCA, which needs less memory than their last steps. An object's immediate dominator is the
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
    private long[] retainedBytes = [];
    private int[] retainedObjects = [];
    private int[] idom = [];
    private List<int>[] rootTargets = [];

    /// <summary>Reachable objects.</summary>
    public long Objects { get; private set; }

    /// <summary>Their bytes.</summary>
    public long Bytes { get; private set; }

    public void Compute(CancellationToken cancellationToken)
    {
        Number();
        var (vertex, count) = ImmediateDominators(cancellationToken);
        nodeOfSlot = []; // only the construction maps slots to nodes
        ReleaseGarbage();

        // Retained sizes: children before parents, in reverse preorder.
        retainedBytes = new long[nodeCount];
        retainedObjects = new int[nodeCount];
        for (var v = rootCount + 1; v < nodeCount; v++)
        {
            retainedBytes[v] = (long)heap.Spans.Locate(slotOfNode[v]).Span.ElementSize;
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
    public IEnumerable<(int Root, int Slot, long RetainedBytes, long RetainedObjects)> Largest(int top)
    {
        // A heap of the best `top` so far (its least at the head), not a sort of every node.
        var best = new PriorityQueue<int, (long Bytes, int NegatedNode)>();
        for (var v = 1; v < nodeCount; v++)
        {
            var key = (retainedBytes[v], -v);
            if (best.Count < top)
            {
                best.Enqueue(v, key);
            }
            else if (top > 0 && best.TryPeek(out _, out var least) && key.CompareTo(least) > 0)
            {
                best.EnqueueDequeue(v, key);
            }
        }

        var chosen = new List<int>(best.Count);
        while (best.TryDequeue(out var v, out _))
        {
            chosen.Add(v);
        }

        chosen.Reverse(); // most retained first; equal sizes by node, as a stable sort would give
        return chosen.Select(v => v <= rootCount ? (v - 1, -1, retainedBytes[v], (long)retainedObjects[v]) : (-1, slotOfNode[v], retainedBytes[v], (long)retainedObjects[v]));
    }

    /// <summary>
    /// Collects now if the heap is large (over a million objects): a large tree leaves hundreds of MB
    /// of arrays behind at each stage, and collected before the next stage allocates, the process
    /// does not grow by them.
    /// </summary>
    public static void ReleaseGarbage(long objects)
    {
        if (objects > 1 << 20)
        {
            System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        }
    }

    private void ReleaseGarbage() => ReleaseGarbage(nodeCount);

    // Fills idom; returns the nodes in depth-first preorder and how many were reached.
    private (int[] Vertex, int Count) ImmediateDominators(CancellationToken cancellationToken)
    {
        var (predecessorStart, predecessors) = Predecessors();

        // Depth-first preorder from the virtual root.
        var preorder = new int[nodeCount];      // node -> preorder index, or -1 when not reached
        var vertex = new int[nodeCount];        // preorder index -> node
        var dfsParent = new int[nodeCount];
        Array.Fill(preorder, -1);
        var count = 0;
        var stack = new Stack<(int Node, int Cursor)>();
        preorder[0] = count;
        vertex[count++] = 0;
        stack.Push((0, FirstCursor(0)));
        while (stack.Count > 0)
        {
            var (node, cursor) = stack.Pop();
            if (NextSuccessor(node, ref cursor, out var child))
            {
                stack.Push((node, cursor));
                if (preorder[child] < 0)
                {
                    preorder[child] = count;
                    vertex[count++] = child;
                    dfsParent[child] = node;
                    stack.Push((child, FirstCursor(child)));
                }
            }

            if ((count & 0xffff) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        // Semi-dominators in reverse preorder, with a forest (ancestor, label) for EVAL and LINK.
        var semi = (int[])preorder.Clone();     // node -> its semi-dominator's preorder index
        var ancestor = new int[nodeCount];
        var label = new int[nodeCount];
        for (var v = 0; v < nodeCount; v++)
        {
            ancestor[v] = -1;
            label[v] = v;
        }

        var path = new List<int>();
        for (var i = count - 1; i >= 1; i--)
        {
            var w = vertex[i];
            for (var p = predecessorStart[w]; p < predecessorStart[w + 1]; p++)
            {
                var v = predecessors[p];
                if (semi[v] < 0)
                {
                    continue; // not reached
                }

                var u = Eval(v, ancestor, label, semi, path);
                if (semi[u] < semi[w])
                {
                    semi[w] = semi[u];
                }
            }

            ancestor[w] = dfsParent[w];
            if ((i & 0xffff) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        // Immediate dominators from the semi-dominators (Georgiadis' SEMI-NCA): the nearest ancestor of
        // w's tree parent whose preorder index is at most w's semi-dominator's. Parents come first in
        // preorder, so theirs are final when w's is sought, and the tree parents' array becomes idom in
        // place: no buckets, and two arrays fewer than Lengauer-Tarjan's own last steps (80 MB at 10^7).
        idom = dfsParent;
        for (var i = 1; i < count; i++)
        {
            var w = vertex[i];
            while (preorder[idom[w]] > semi[w])
            {
                idom[w] = idom[idom[w]];
            }
        }

        return (vertex, count);
    }

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
        var marked = 0;
        for (var slot = 0; slot < nodeOfSlot.Length; slot++)
        {
            marked += walker.IsMarked(slot) ? 1 : 0;
        }

        nodeCount = 1 + rootCount + marked;
        slotOfNode = new int[nodeCount];
        var node = 1 + rootCount;
        for (var slot = 0; slot < nodeOfSlot.Length; slot++)
        {
            if (walker.IsMarked(slot))
            {
                nodeOfSlot[slot] = node;
                slotOfNode[node++] = slot;
            }
        }
    }

    // A node's successors, read where they are rather than copied (at 10^7 objects a copy is 90 MB):
    // the virtual root's are the roots, a root's its targets, an object's its out-edges to reached objects.
    private int FirstCursor(int node) => node > rootCount ? graph.OutRange(slotOfNode[node]).Start : 0;

    private bool NextSuccessor(int node, ref int cursor, out int successor)
    {
        if (node == 0)
        {
            successor = 1 + cursor;
            return cursor++ < rootCount;
        }

        if (node <= rootCount)
        {
            var targets = rootTargets[node - 1];
            successor = cursor < targets.Count ? targets[cursor] : -1;
            return cursor++ < targets.Count;
        }

        for (var end = graph.OutRange(slotOfNode[node]).End; cursor < end;)
        {
            successor = nodeOfSlot[graph.OutTarget(cursor++)];
            if (successor >= 0)
            {
                return true;
            }
        }

        successor = -1;
        return false;
    }

    // Every node's predecessors, counted and then placed from the back of each node's range, so the
    // counts become the range starts without a second array.
    private (int[] Start, int[] Sources) Predecessors()
    {
        rootTargets = new List<int>[rootCount];
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

        var start = new int[nodeCount + 1];
        ForEachEdge((_, target) => start[target]++);
        for (var v = 1; v <= nodeCount; v++)
        {
            start[v] += start[v - 1];
        }

        var sources = new int[start[nodeCount]];
        ForEachEdge((source, target) => sources[--start[target]] = source);
        return (start, sources);
    }

    private void ForEachEdge(Action<int, int> edge)
    {
        for (var node = 0; node < nodeCount; node++)
        {
            var cursor = FirstCursor(node);
            while (NextSuccessor(node, ref cursor, out var successor))
            {
                edge(node, successor);
            }
        }
    }
}
