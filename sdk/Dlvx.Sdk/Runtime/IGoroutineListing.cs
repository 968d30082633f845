using Dlvx.Sdk.Delve;

namespace Dlvx.Sdk.Runtime;

/// <summary>
/// Delve's goroutine listing, the records <see cref="IDelveClient.ListGoroutinesAsync"/> returns for
/// all goroutines, at a fraction of its cost on large targets. Delve's own listing unwinds every
/// goroutine's stack to find its user frame; this reads the runtime's <c>g</c> structures in bulk,
/// asks Delve for one goroutine per distinct stack shape, and gives that goroutine's locations to the
/// others of its shape only after checking their return addresses. A goroutine that matches no shape
/// is asked for on its own, so every record equals Delve's, field for field. Inject it into a
/// command's constructor; each invocation reads the current stop afresh.
/// </summary>
public interface IGoroutineListing
{
    /// <summary>Every goroutine that is not dead, in the runtime's order (the order of Delve's listing).</summary>
    /// <param name="progress">Receives how far the listing is on large targets.</param>
    /// <param name="cancellationToken">Stops the listing.</param>
    /// <exception cref="RuntimeLayoutException">The runtime lacks something the listing needs; the message names it and the Go release.</exception>
    Task<IReadOnlyList<Goroutine>> ListAsync(IProgress<CommandProgress>? progress = null, CancellationToken cancellationToken = default);
}
