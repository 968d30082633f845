using Dlvx.Sdk;

namespace Dlvx.Host.Tests.Commands;

/// <summary>A flag that starts on, one that starts off, and an argument a flag must not swallow.</summary>
[Command("switches-cmd", Summary = "Flags that start on and off.")]
public sealed class SwitchesCommand : ICommand
{
    [Option("names", Description = "Show names")]
    public bool Names { get; set; } = true;

    [Option("verbose", Aliases = ["v"], Description = "Say more")]
    public bool Verbose { get; set; }

    [Argument(0, Name = "WORD")]
    public string Word { get; set; } = "";

    public Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken) =>
        Task.FromResult(CommandResult.Create(Word));
}
