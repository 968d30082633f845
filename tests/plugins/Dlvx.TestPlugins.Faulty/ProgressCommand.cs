using System.Globalization;
using Dlvx.Sdk;

namespace Dlvx.TestPlugins.Faulty;

/// <summary>Reports progress in steps, then answers: the source of the progress every route must pass on.</summary>
[Command("test-progress", Summary = "Reports progress in steps, then answers.", RequiresStoppedTarget = false)]
public sealed class ProgressCommand : ICommand
{
    [Option("steps")]
    public int Steps { get; set; } = 3;

    [Option("ms", Description = "Pause after each step")]
    public int Milliseconds { get; set; } = 20;

    public async Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        for (var step = 1; step <= Steps; step++)
        {
            context.Progress.Report(new CommandProgress(string.Create(CultureInfo.InvariantCulture, $"progress step {step} of {Steps}"), (double)step / Steps));
            await Task.Delay(Milliseconds, cancellationToken);
        }

        return CommandResult.Create($"{Steps} steps done");
    }
}
