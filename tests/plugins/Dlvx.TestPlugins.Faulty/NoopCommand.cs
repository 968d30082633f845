using Dlvx.Sdk;

namespace Dlvx.TestPlugins.Faulty;

[Command("test-noop", Summary = "Does nothing (measures the invocation path).")]
public sealed class NoopCommand : ICommand
{
    public Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken) =>
        Task.FromResult(CommandResult.Create("ok"));
}
