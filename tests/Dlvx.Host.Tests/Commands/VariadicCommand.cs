using Dlvx.Sdk;

namespace Dlvx.Host.Tests.Commands;

[Command("variadic-cmd", Summary = "Takes any number of ids.", RequiresStoppedTarget = false)]
public sealed class VariadicCommand : ICommand
{
    [Argument(0, Name = "IDS", Required = true)]
    public long[] Ids { get; set; } = [];

    public Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken) =>
        Task.FromResult(CommandResult.Create(string.Join(",", Ids)));
}
