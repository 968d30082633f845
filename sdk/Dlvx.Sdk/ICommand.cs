namespace Dlvx.Sdk;

/// <summary>
/// A dlvx command. Implementations carry a <see cref="CommandAttribute"/>, receive services through
/// their constructor, and are created in a fresh DI scope for every invocation.
/// </summary>
/// <example>
/// <code>
/// [Command("goroutine-count", Summary = "Count the target's goroutines.")]
/// public sealed class GoroutineCountCommand(IDelveClient delve) : ICommand
/// {
///     public async Task&lt;CommandResult&gt; ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
///     {
///         var page = await delve.ListGoroutinesAsync(new ListGoroutinesRequest { Count = 0 }, cancellationToken);
///         return CommandResult.Create($"{page.Goroutines.Count} goroutines", new { Count = page.Goroutines.Count });
///     }
/// }
/// </code>
/// </example>
public interface ICommand
{
    /// <summary>Runs the command. Options and arguments are already bound to the instance.</summary>
    /// <param name="context">What the host knows about this invocation.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away, the command times out, or the host stops.</param>
    /// <returns>The human text and the optional structured data.</returns>
    Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken);
}
