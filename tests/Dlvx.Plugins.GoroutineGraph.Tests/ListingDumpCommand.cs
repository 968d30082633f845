using Dlvx.Sdk;
using Dlvx.Sdk.Runtime;

namespace Dlvx.Plugins.GoroutineGraph.Tests;

/// <summary>Returns the goroutine listing's records as they are, for comparing with Delve's own listing.</summary>
[Command("listing-dump", Summary = "The goroutine listing's records (test only)")]
public sealed class ListingDumpCommand(IGoroutineListing listing) : ICommand
{
    /// <inheritdoc/>
    public async Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var goroutines = await listing.ListAsync(context.Progress, cancellationToken);
        return CommandResult.Create($"{goroutines.Count} goroutines", goroutines);
    }
}
