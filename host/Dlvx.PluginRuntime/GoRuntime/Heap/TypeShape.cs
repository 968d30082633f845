namespace Dlvx.PluginRuntime.GoRuntime.Heap;

/// <summary>What the heap walk needs to know of a Go type: its size, alignment and where its references are.</summary>
/// <param name="Name">The type's name as Delve prints it.</param>
/// <param name="Size">The type's size (the stride of an array of it).</param>
/// <param name="Align">The type's alignment.</param>
/// <param name="References">Every reference in one value, at its offset; embedded arrays are one entry each.</param>
internal sealed record TypeShape(string Name, ulong Size, ulong Align, IReadOnlyList<Reference> References)
{
    private Dictionary<int, Reference>? byOffset;

    /// <summary>Whether Delve could not give the type's layout: its objects are counted, their references not typed.</summary>
    public bool Opaque { get; init; }

    /// <summary>
    /// The reference whose pointer word is at <paramref name="offset"/> (for interfaces, the data word at
    /// +8), with the offset of the reference's own start, looking inside embedded arrays.
    /// </summary>
    public (Reference Reference, int Start)? At(int offset)
    {
        byOffset ??= Index();
        if (byOffset.TryGetValue(offset, out var direct))
        {
            return (direct, direct.Kind == ReferenceKind.Interface ? offset - 8 : offset);
        }

        // Embedded arrays are few and usually small: find the one covering the offset.
        foreach (var reference in References)
        {
            if (reference.Kind != ReferenceKind.Array || reference.Element is not { Size: > 0 } element || offset < reference.Offset)
            {
                continue;
            }

            var relative = (ulong)(offset - reference.Offset);
            if (relative < reference.Count * element.Size && element.At((int)(relative % element.Size)) is { } inner)
            {
                var elementStart = reference.Offset + (int)(relative / element.Size * element.Size);
                return (inner.Reference with { Name = $"{reference.Name}[{relative / element.Size}]{(inner.Reference.Name.Length > 0 ? "." + inner.Reference.Name : "")}" }, elementStart + inner.Start);
            }
        }

        return null;
    }

    // The word a reference's pointer sits in: the data word (+8) for interfaces, the first word otherwise.
    private Dictionary<int, Reference> Index()
    {
        var index = new Dictionary<int, Reference>();
        foreach (var reference in References)
        {
            if (reference.Kind != ReferenceKind.Array)
            {
                index.TryAdd(reference.Kind == ReferenceKind.Interface ? reference.Offset + 8 : reference.Offset, reference);
            }
        }

        return index;
    }
}
