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
}
