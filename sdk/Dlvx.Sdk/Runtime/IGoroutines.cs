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
}
