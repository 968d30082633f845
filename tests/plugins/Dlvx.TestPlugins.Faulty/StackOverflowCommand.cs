using Dlvx.Sdk;

namespace Dlvx.TestPlugins.Faulty;

[Command("fault-overflow", Summary = "Overflows the stack.", RequiresStoppedTarget = false)]
public sealed class StackOverflowCommand : ICommand
{
    public Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken) =>
        Task.FromResult(CommandResult.Create(Recurse(0).ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static long Recurse(long depth) => depth < 0 ? depth : Recurse(depth + 1) + 1;
}
