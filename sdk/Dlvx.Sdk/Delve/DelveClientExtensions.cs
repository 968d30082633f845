using System.Runtime.CompilerServices;

namespace Dlvx.Sdk.Delve;

/// <summary>What commands often need from <see cref="IDelveClient"/>, built on its calls.</summary>
public static class DelveClientExtensions
{
    /// <summary>
    /// Every goroutine of the target, read a page at a time, so that each Delve response stays small
    /// however many goroutines the target has.
    /// </summary>
    /// <param name="delve">The session's Delve.</param>
    /// <param name="pageSize">Goroutines per request.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <example>
    /// <code>
    /// var count = 0;
    /// await foreach (var goroutine in delve.EnumerateGoroutinesAsync(cancellationToken: cancellationToken))
    /// {
    ///     count++;
    /// }
    /// </code>
    /// </example>
    public static async IAsyncEnumerable<Goroutine> EnumerateGoroutinesAsync(this IDelveClient delve, int pageSize = 1000, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delve);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        var start = 0;
        do
        {
            var page = await delve.ListGoroutinesAsync(new ListGoroutinesRequest { Start = start, Count = pageSize }, cancellationToken).ConfigureAwait(false);
            foreach (var goroutine in page.Goroutines)
            {
                yield return goroutine;
            }

            start = page.Nextg;
        }
        while (start > 0);
    }
}
