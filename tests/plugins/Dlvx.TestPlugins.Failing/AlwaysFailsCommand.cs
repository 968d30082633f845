using Dlvx.Sdk;

namespace Dlvx.TestPlugins.Failing;

[Command("always-fails", Summary = "Fails with an error, every time.")]
public sealed class AlwaysFailsCommand : ICommand
{
    public Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken) =>
        throw new CommandException("this command fails on purpose");
}
