namespace Dlvx.Sdk.Runtime;

/// <summary>
/// The target's goroutines as its runtime keeps them (<c>runtime.allgs</c>): each one's <c>g</c>,
/// status and wait reason by the target's own names, and what a blocked goroutine waits on, read
/// from the runtime's wait queues rather than guessed from its stack. Inject it into a command's
/// constructor; each invocation reads the current stop afresh.
/// </summary>
public interface IGoroutines
{
    /// <summary>Every goroutine that is not dead, by id.</summary>
    /// <exception cref="RuntimeLayoutException">The runtime lacks something the model needs; the message names it and the Go release.</exception>
    Task<IReadOnlyList<GoroutineState>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The goroutines that can never run again: blocked on channels, semaphores (sync.Mutex,
    /// RWMutex, WaitGroup) or condition variables that nothing but blocked goroutines can reach, or
    /// on a nil channel or an empty select. Reachability is the garbage collector's, from globals,
    /// the stacks of goroutines that are not blocked on such objects, and the runtime's other roots;
    /// a blocked goroutine whose object turns out reachable becomes a root in turn, to a fixed point
    /// (Go 1.26's goroutine-leak definition, extended to mutexes and to every Go release).
    /// </summary>
    Task<GoroutineLeakReport> FindLeaksAsync(IProgress<CommandProgress>? progress = null, CancellationToken cancellationToken = default);
}
