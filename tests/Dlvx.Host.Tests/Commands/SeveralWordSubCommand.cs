using Dlvx.Sdk;

namespace Dlvx.Host.Tests.Commands;

[Command("two words", Parent = typeof(SampleCommand))]
public sealed class SeveralWordSubCommand : ICommand
{
    public Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken) => Task.FromResult(CommandResult.Create(""));
}
