using Dlvx.Sdk;

namespace Dlvx.TestPlugins.Faulty;

[Command("fault-throw", Summary = "Throws an exception.")]
public sealed class ThrowCommand : ICommand
{
    public Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("the plugin failed on purpose");
}
