using Dlvx.Sdk;

namespace Dlvx.Bench.NoopPlugin;

/// <summary>Returns at once, without touching Delve beyond the host's own running-target check.</summary>
[Command("bench-noop", Summary = "Do nothing (benchmarks the invocation path).")]
public sealed class NoopCommand : ICommand
{
    /// <inheritdoc/>
    public Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken) =>
        Task.FromResult(CommandResult.Create("ok"));
}
