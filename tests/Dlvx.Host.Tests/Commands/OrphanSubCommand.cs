using Dlvx.Sdk;

namespace Dlvx.Host.Tests.Commands;

[Command("orphan", Parent = typeof(NotACommand))]
public sealed class OrphanSubCommand : ICommand
{
    public Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken) => Task.FromResult(CommandResult.Create(""));
}
