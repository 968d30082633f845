using Dlvx.Sdk;

namespace Dlvx.Host.Tests.Commands;

[Command("reserved-option")]
public sealed class ReservedOptionCommand : ICommand
{
    [Option("json")]
    public bool Json { get; set; }

    public Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken) =>
        Task.FromResult(CommandResult.Create(""));
}
