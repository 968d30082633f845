using Dlvx.Sdk;
using Dlvx.Sdk.Delve;

namespace Company.Plugin1;

/// <summary>TODO: say what command1-name shows and why it helps.</summary>
[Command("command1-name", Summary = "TODO: one line for help in every client.")]
public sealed class Command1Command(IDelveClient delve) : ICommand
{
    /// <summary>An example option: <c>command1-name -depth 5</c>.</summary>
    [Option("depth", Description = "How many frames of the selected goroutine to show", ValueName = "N")]
    public int Depth { get; set; } = 10;

    /// <inheritdoc/>
    public async Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        // Services come from the constructor; Delve is the session's own connection.
        var frames = await delve.StacktraceAsync(-1, Depth, cancellationToken: cancellationToken);
        var text = string.Join(Environment.NewLine, frames.Select(f => $"{f.Function?.Name ?? "?"} {f.File}:{f.Line}"));
        return CommandResult.Create(text, frames.Select(f => f.Function?.Name).ToList());
    }
}
