namespace Dlvx.Sdk.Testing.Tests.Commands;

[Command("kit-fail", Summary = "Fails with a message.", RequiresStoppedTarget = false)]
public sealed class FailingCommand : ICommand
{
    public Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken) =>
        throw new CommandException("it failed as asked");
}
