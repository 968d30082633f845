using Dlvx.Sdk;

namespace Dlvx.TestPlugins.Conflicting;

/// <summary>Echoes its bound options and arguments, with structured data.</summary>
[Command("test-echo", Aliases = ["te"], Summary = "Echoes its arguments.", RequiresStoppedTarget = false)]
public sealed class EchoCommand : ICommand
{
    [Option("count", Description = "How many times")]
    public int Count { get; set; } = 1;

    [Argument(0, Name = "WORDS")]
    public string[] Words { get; set; } = [];

    public Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var line = string.Join(' ', Words);
        return Task.FromResult(CommandResult.Create(string.Join('\n', Enumerable.Repeat(line, Count)), new EchoData(line, Count)));
    }
}
