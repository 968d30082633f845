namespace Dlvx.Sdk.Runtime;

/// <summary>
/// The target's garbage-collected heap. Inject it into a command's constructor. The walk finds
/// pointers the way the runtime's own garbage collector marks: the pointer bitmaps of every heap
/// object and of every module's data and bss, every goroutine's stack, finalizers and cleanups.
/// </summary>
public interface IGoHeap
{
    /// <summary>
    /// Walks every object reachable from the runtime's roots, counting each once: by type, and by the
    /// root that reached it first.
    /// </summary>
    /// <param name="progress">Receives what the walk is doing; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the walk; no request reaches Delve after it returns.</param>
    /// <exception cref="RuntimeLayoutException">The target's heap is laid out in a way the walk does not know; nothing is guessed.</exception>
    Task<HeapWalkResult> WalkAsync(IProgress<CommandProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>The allocated heap object holding <paramref name="address"/>, or <see langword="null"/> outside the heap or in a free slot.</summary>
    Task<HeapObjectInfo?> FindObjectAsync(ulong address, CancellationToken cancellationToken = default);

    /// <summary>
    /// Why the object holding <paramref name="address"/> is alive: the shortest path to it from a root,
    /// and up to <paramref name="maxPaths"/> paths from distinct roots, each step naming how it holds the next.
    /// </summary>
    /// <exception cref="GoValueException">No allocated heap object holds the address.</exception>
    Task<HeapPathResult> FindPathsAsync(ulong address, int maxPaths = 1, IProgress<CommandProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The objects and roots that retain the most bytes: a dominator tree over the reachable heap
    /// (one virtual root above every root), with each node's retained bytes and objects.
    /// </summary>
    Task<HeapRetainersResult> FindRetainersAsync(int top, IProgress<CommandProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes a gzipped pprof profile of reference chains (sample types inuse_objects and
    /// inuse_space): each object is a sample whose stack is its shortest path from a root, so
    /// <c>go tool pprof</c>'s views show what holds the heap.
    /// </summary>
    Task<HeapProfileSummary> WriteProfileAsync(Stream destination, IProgress<CommandProgress>? progress = null, CancellationToken cancellationToken = default);
}
