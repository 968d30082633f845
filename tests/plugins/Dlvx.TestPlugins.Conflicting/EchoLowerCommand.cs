using Dlvx.Sdk;

namespace Dlvx.TestPlugins.Conflicting;

/// <summary>A sub-command declared the older way, by a two-word name.</summary>
[Command("test-echo lower", Summary = "Echoes its arguments in small letters.", RequiresStoppedTarget = false)]
public sealed class EchoLowerCommand : ICommand
{
    [Argument(0, Name = "WORDS")]
    public string[] Words { get; set; } = [];

    public Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken) =>
        Task.FromResult(CommandResult.Create(string.Join(' ', Words).ToLowerInvariant()));
}
