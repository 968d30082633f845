using Dlvx.Sdk;

namespace Dlvx.TestPlugins.Conflicting;

/// <summary>Claims the name the bundled target-info plugin already owns.</summary>
[Command("target-info", Summary = "A second target-info, to test name conflicts.", RequiresStoppedTarget = false)]
public sealed class ConflictingTargetInfoCommand : ICommand
{
    public Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken) =>
        Task.FromResult(CommandResult.Create("conflicting target-info"));
}
