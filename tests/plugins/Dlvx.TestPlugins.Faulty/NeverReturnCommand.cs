using Dlvx.Sdk;

namespace Dlvx.TestPlugins.Faulty;

[Command("fault-never", Summary = "Never completes.", RequiresStoppedTarget = false)]
public sealed class NeverReturnCommand : ICommand
{
    public Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken) =>
        new TaskCompletionSource<CommandResult>().Task;
}
