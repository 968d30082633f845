using Dlvx.Sdk;

namespace Dlvx.TestPlugins.Faulty;

[Command("test-persist", Summary = "Asks for a file to be written when dlvx stops.", RequiresStoppedTarget = false)]
public sealed class PersistCommand(PersistedState state) : ICommand
{
    [Argument(0, Name = "FILE", Required = true)]
    public string File { get; set; } = "";

    public Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        state.PendingFile = File;
        return Task.FromResult(CommandResult.Create($"will write {File} when dlvx stops"));
    }
}
