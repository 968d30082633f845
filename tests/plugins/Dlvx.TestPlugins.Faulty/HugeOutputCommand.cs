using Dlvx.Sdk;

namespace Dlvx.TestPlugins.Faulty;

[Command("fault-huge", Summary = "Returns megabytes of text.")]
public sealed class HugeOutputCommand : ICommand
{
    [Option("mb", Description = "How many megabytes")]
    public int Megabytes { get; set; } = 8;

    public Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken) =>
        Task.FromResult(CommandResult.Create(new string('x', Megabytes * 1024 * 1024 - 1) + "!"));
}
