using Dlvx.Sdk;

namespace Dlvx.Host.Tests.Commands;

[Command("Bad_Name")]
public sealed class BadNameCommand : ICommand
{
    public Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken) =>
        Task.FromResult(CommandResult.Create(""));
}
