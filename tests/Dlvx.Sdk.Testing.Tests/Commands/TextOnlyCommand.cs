namespace Dlvx.Sdk.Testing.Tests.Commands;

[Command("kit-text", Summary = "Returns text and no data.", RequiresStoppedTarget = false)]
public sealed class TextOnlyCommand : ICommand
{
    public Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken) =>
        Task.FromResult(CommandResult.Create("only text"));
}
