namespace Dlvx.PluginRuntime.GoRuntime.Heap;

/// <summary>
/// The reachable heap as a graph: every pointer from one reached object to another (with the offset
/// of the word in the referring object) and every root word's target. Kept only when a command needs
/// it (retention paths, dominators, profiles): a few bytes per edge, in flat arrays.
/// </summary>
/// <remarks>
/// The walk appends edges in the order it finds them; <see cref="Build"/> turns them into per-slot
/// out-edges and lets the appended lists go. In-edges, which only the paths back from one object
/// need, are indexed from the out-edges on first use: at 10^7 objects each index is over 100 MB.
/// </remarks>
internal sealed class HeapGraph
{
    private readonly Lock inGate = new();
    private List<int>? from = [];
    private List<int>? to = [];
    private List<uint>? offsets = [];
    private int slotCount;
    private int[]? firstOut;
    private int[]? outTargets;
    private uint[]? outOffsets;
    private int[]? firstIn;
    private int[]? inSources;
    private uint[]? inOffsets;

    /// <summary>Root words: the root, the slot it points at, and where the word is.</summary>
    public List<(int Root, int Slot, ulong Address)> RootEdges { get; } = [];

    /// <summary>How many object-to-object edges there are.</summary>
    public int EdgeCount => outTargets?.Length ?? from!.Count;

    public void AddEdge(int source, int target, uint offset)
    {
        from!.Add(source);
        to!.Add(target);
        offsets!.Add(offset);
    }

    public void AddRootEdge(int root, int slot, ulong address) => RootEdges.Add((root, slot, address));

    /// <summary>Freezes the edges into per-slot out-edges, for <paramref name="slotCount"/> slots.</summary>
    public void Build(int slotCount)
    {
        this.slotCount = slotCount;
        var keys = from!;
        var others = to!;
        var words = offsets!;
        firstOut = Ends(slotCount, keys.Count, i => keys[i]);
        outTargets = new int[keys.Count];
        outOffsets = new uint[keys.Count];
        for (var i = keys.Count - 1; i >= 0; i--)
        {
            var at = --firstOut[keys[i]];
            outTargets[at] = others[i];
            outOffsets[at] = words[i];
        }

        (from, to, offsets) = (null, null, null);
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
        IndexIn();
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

    // Where each slot's edges end in an array of `count` edges sorted by key, and the total at
    // slotCount. Filling each range from its back, last edge first, turns the ends into starts and
    // keeps the edges of a slot in their order, without a second array of positions.
    private static int[] Ends(int slotCount, int count, Func<int, int> key)
    {
        var ends = new int[slotCount + 1];
        for (var i = 0; i < count; i++)
        {
            ends[key(i)]++;
        }

        for (var i = 1; i <= slotCount; i++)
        {
            ends[i] += ends[i - 1];
        }

        return ends;
    }

    private void IndexIn()
    {
        lock (inGate)
        {
            if (firstIn is not null)
            {
                return;
            }

            var targets = outTargets!;
            var first = Ends(slotCount, targets.Length, i => targets[i]);
            var sources = new int[targets.Length];
            var words = new uint[targets.Length];
            for (var source = slotCount - 1; source >= 0; source--)
            {
                for (var e = firstOut![source + 1] - 1; e >= firstOut[source]; e--)
                {
                    var at = --first[targets[e]];
                    sources[at] = source;
                    words[at] = outOffsets![e];
                }
            }

            (inSources, inOffsets, firstIn) = (sources, words, first);
        }
    }
}
