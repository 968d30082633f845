using Dlvx.Sdk;

namespace Dlvx.TestPlugins.Conflicting;

/// <summary>A sub-command declared with Parent: <c>test-echo upper</c> (or <c>te u</c>).</summary>
[Command("upper", Parent = typeof(EchoCommand), Aliases = ["u"], Summary = "Echoes its arguments in capitals.", RequiresStoppedTarget = false)]
public sealed class EchoUpperCommand : ICommand
{
    [Argument(0, Name = "WORDS")]
    public string[] Words { get; set; } = [];

    public Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken) =>
        Task.FromResult(CommandResult.Create(string.Join(' ', Words).ToUpperInvariant()));
}
