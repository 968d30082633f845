namespace Dlvx.Sdk.Runtime;

/// <summary>What a heap walk found.</summary>
public sealed class HeapWalkResult
{
    /// <summary>Objects reachable from the roots.</summary>
    public required long Objects { get; init; }

    /// <summary>Their bytes, counted as the allocator does (each object's whole size-class slot).</summary>
    public required long Bytes { get; init; }

    /// <summary>
    /// Every allocated slot of every in-use span, reachable or not: the heap as the allocator sees it.
    /// Right after a collection, with nothing allocated since, it equals <see cref="Objects"/>.
    /// </summary>
    public required long AllocatedObjects { get; init; }

    /// <summary>The bytes of <see cref="AllocatedObjects"/>.</summary>
    public required long AllocatedBytes { get; init; }

    /// <summary>Reachable objects by type, largest first by bytes. Objects whose type cannot be known are <c>&lt;unknown, size class N&gt;</c>.</summary>
    public required IReadOnlyList<HeapTypeCount> Types { get; init; }

    /// <summary>Reachable objects by the root that reached each first, largest first by bytes.</summary>
    public required IReadOnlyList<HeapRootCount> Roots { get; init; }

    /// <summary>How many root words pointed into the heap.</summary>
    public required long RootWords { get; init; }

    /// <summary>How long the walk took.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>How many bytes of target memory were read.</summary>
    public required long BytesRead { get; init; }
}
