using Dlvx.Sdk.Runtime;

namespace Dlvx.PluginRuntime.GoRuntime.Heap;

/// <summary>What a reference says about the object it reaches.</summary>
/// <param name="Edge">How the reference holds it.</param>
/// <param name="Rule">When <paramref name="View"/> applies.</param>
/// <param name="View">The reached object's view (for <see cref="HintRule.SliceBacking"/>, the element's value view).</param>
/// <param name="Capacity">For <see cref="HintRule.SliceBacking"/>: the slice's capacity.</param>
internal readonly record struct Hint(HeapEdgeKind Edge, HintRule Rule = HintRule.None, int View = -1, ulong Capacity = 0)
{
    /// <summary>
    /// Whether the view rests on a guess: a stack word typed by the frame variable whose slot holds it
    /// (the variable may be dead and its slot reused), or a reference inside an object typed that way.
    /// A view from a global or a heap object's typed reference replaces it.
    /// </summary>
    public bool Weak { get; init; }

    /// <summary>The field path that holds the reference inside its value (<c>next</c>, <c>inner.buf</c>), for retention paths.</summary>
    public string Label { get; init; } = "";

    /// <summary>The element index of the value holding the reference in an array, slice backing or buffer, or -1.</summary>
    public long Index { get; init; } = -1;

    /// <summary>A reference nothing is known about.</summary>
    public static Hint Untyped => new(HeapEdgeKind.Untyped);
}
