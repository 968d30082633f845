using Dlvx.Sdk;

namespace Dlvx.Host.Tests.Commands;

[Command("one", Parent = typeof(CycleTwoCommand))]
public sealed class CycleOneCommand : ICommand
{
    public Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken) => Task.FromResult(CommandResult.Create(""));
}
