using Dlvx.Sdk;

namespace Dlvx.TestPlugins.Conflicting;

/// <summary>A sub-command of a sub-command: <c>test-echo upper first</c>.</summary>
[Command("first", Parent = typeof(EchoUpperCommand), Summary = "Echoes its first argument in capitals.", RequiresStoppedTarget = false)]
public sealed class EchoUpperFirstCommand : ICommand
{
    [Argument(0, Name = "WORDS")]
    public string[] Words { get; set; } = [];

    public Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken) =>
        Task.FromResult(CommandResult.Create(Words.FirstOrDefault()?.ToUpperInvariant() ?? ""));
}
