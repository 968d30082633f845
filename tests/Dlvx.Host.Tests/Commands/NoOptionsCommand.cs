using Dlvx.Sdk;

namespace Dlvx.Host.Tests.Commands;

[Command("no-options", Usage = "no-options (custom usage)")]
public sealed class NoOptionsCommand : ICommand
{
    public Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken) =>
        Task.FromResult(CommandResult.Create("ok"));
}
