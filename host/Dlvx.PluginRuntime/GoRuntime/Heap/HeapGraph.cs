namespace Dlvx.PluginRuntime.GoRuntime.Heap;

/// <summary>
/// The reachable heap as a graph: every pointer from one reached object to another (with the offset
/// of the word in the referring object) and every root word's target. Kept only when a command needs
/// it (retention paths, dominators, profiles): a few bytes per edge, in flat arrays.
/// </summary>
internal sealed class HeapGraph
{
    private readonly List<int> from = [];
    private readonly List<int> to = [];
    private readonly List<uint> offsets = [];
    private int[]? firstOut;
    private int[]? outTargets;
    private uint[]? outOffsets;
    private int[]? firstIn;
    private int[]? inSources;
    private uint[]? inOffsets;

    /// <summary>Root words: the root, the slot it points at, and where the word is.</summary>
    public List<(int Root, int Slot, ulong Address)> RootEdges { get; } = [];

    /// <summary>How many object-to-object edges there are.</summary>
    public int EdgeCount => from.Count;

    public void AddEdge(int source, int target, uint offset)
    {
        from.Add(source);
        to.Add(target);
        offsets.Add(offset);
    }

    public void AddRootEdge(int root, int slot, ulong address) => RootEdges.Add((root, slot, address));

    /// <summary>Freezes the edges into per-slot adjacency (out and in), for <paramref name="slotCount"/> slots.</summary>
    public void Build(int slotCount)
    {
        (firstOut, outTargets, outOffsets) = Index(slotCount, from, to);
        (firstIn, inSources, inOffsets) = Index(slotCount, to, from);
    }

    /// <summary>The objects <paramref name="slot"/> points to, with the offsets of the words.</summary>
    public IEnumerable<(int Target, uint Offset)> Out(int slot)
    {
        for (var i = firstOut![slot]; i < firstOut[slot + 1]; i++)
        {
            yield return (outTargets![i], outOffsets![i]);
        }
    }

    /// <summary>The objects that point to <paramref name="slot"/>, with the offsets of their words.</summary>
    public IEnumerable<(int Source, uint Offset)> In(int slot)
    {
        for (var i = firstIn![slot]; i < firstIn[slot + 1]; i++)
        {
            yield return (inSources![i], inOffsets![i]);
        }
    }

    /// <summary>The span of the out-edge arrays for <paramref name="slot"/> (for tight loops).</summary>
    public (int Start, int End) OutRange(int slot) => (firstOut![slot], firstOut[slot + 1]);

    /// <summary>The out-edge target at position <paramref name="index"/>.</summary>
    public int OutTarget(int index) => outTargets![index];

    /// <summary>The offset of the out-edge's word at position <paramref name="index"/>.</summary>
    public uint OutOffset(int index) => outOffsets![index];

    /// <summary>The span of the in-edge arrays for <paramref name="slot"/>.</summary>
    public (int Start, int End) InRange(int slot) => (firstIn![slot], firstIn[slot + 1]);

    /// <summary>The in-edge source at position <paramref name="index"/>.</summary>
    public int InSource(int index) => inSources![index];

    private (int[] First, int[] Other, uint[] Offsets) Index(int slotCount, List<int> keys, List<int> others)
    {
        var first = new int[slotCount + 1];
        foreach (var key in keys)
        {
            first[key + 1]++;
        }

        for (var i = 0; i < slotCount; i++)
        {
            first[i + 1] += first[i];
        }

        var next = (int[])first.Clone();
        var other = new int[keys.Count];
        var edgeOffsets = new uint[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            var at = next[keys[i]]++;
            other[at] = others[i];
            edgeOffsets[at] = offsets[i];
        }

        return (first, other, edgeOffsets);
    }
}
