using Dlvx.Sdk;

namespace Dlvx.TestPlugins.Faulty;

[Command("fault-exit", Summary = "Ends its process with Environment.Exit(3).", RequiresStoppedTarget = false)]
public sealed class ExitCommand : ICommand
{
    public Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        Environment.Exit(3);
        return Task.FromResult(CommandResult.Create("unreachable"));
    }
}
