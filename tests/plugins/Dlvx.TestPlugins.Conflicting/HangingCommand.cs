using Dlvx.Sdk;

namespace Dlvx.TestPlugins.Conflicting;

/// <summary>Never returns and ignores its cancellation token, like a badly written plugin.</summary>
[Command("test-hang", Summary = "Never returns.", RequiresStoppedTarget = false)]
public sealed class HangingCommand : ICommand
{
    private static readonly TaskCompletionSource<CommandResult> Never = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken) => Never.Task;
}
