using Dlvx.Sdk;

namespace Dlvx.Host.Tests.Commands;

[Command("unsupported-option")]
public sealed class UnsupportedOptionCommand : ICommand
{
    [Option("when")]
    public DateTime When { get; set; }

    public Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken) =>
        Task.FromResult(CommandResult.Create(""));
}
