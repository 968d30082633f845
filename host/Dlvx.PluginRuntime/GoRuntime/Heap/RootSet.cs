using Dlvx.Sdk.Runtime;

namespace Dlvx.PluginRuntime.GoRuntime.Heap;

/// <summary>
/// Everything the walk starts from: root words, and heap objects whose contents are roots although
/// they themselves are not (an object with a finalizer keeps what it points to alive, not itself).
/// </summary>
internal sealed class RootSet
{
    private readonly Dictionary<(string, HeapRootKind), int> byName = [];

    /// <summary>The roots, indexed by <see cref="RootWord.Root"/>.</summary>
    public List<HeapRoot> Roots { get; } = [];

    /// <summary>Root words that point at allocated heap slots.</summary>
    public List<RootWord> Words { get; } = [];

    /// <summary>Each live goroutine's stack, by id: where its frames live.</summary>
    public Dictionary<long, GoroutineStack> Stacks { get; } = [];

    /// <summary>Heap slots to scan as roots without counting them.</summary>
    public List<(int Slot, int Root)> ObjectContents { get; } = [];

    /// <summary>The index of a root, added on first use.</summary>
    public int Root(string name, HeapRootKind kind, long goroutine = 0)
    {
        if (!byName.TryGetValue((name, kind), out var id))
        {
            id = Roots.Count;
            Roots.Add(new HeapRoot(name, kind, goroutine));
            byName[(name, kind)] = id;
        }

        return id;
    }
}
