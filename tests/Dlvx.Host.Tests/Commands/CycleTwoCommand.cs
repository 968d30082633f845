using Dlvx.Sdk;

namespace Dlvx.Host.Tests.Commands;

[Command("two", Parent = typeof(CycleOneCommand))]
public sealed class CycleTwoCommand : ICommand
{
    public Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken) => Task.FromResult(CommandResult.Create(""));
}
