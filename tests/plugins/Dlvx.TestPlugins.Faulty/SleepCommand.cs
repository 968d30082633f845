using Dlvx.Sdk;
using Dlvx.Sdk.Delve;

namespace Dlvx.TestPlugins.Faulty;

/// <summary>A well-behaved slow command that reads the target: for load tests.</summary>
[Command("slow-count", Summary = "Waits, then counts goroutines.")]
public sealed class SleepCommand(IDelveClient delve) : ICommand
{
    [Option("ms")]
    public int Milliseconds { get; set; } = 50;

    public async Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        await Task.Delay(Milliseconds, cancellationToken);
        var page = await delve.ListGoroutinesAsync(new ListGoroutinesRequest(), cancellationToken);
        return CommandResult.Create($"{page.Goroutines.Count} goroutines", new { Count = page.Goroutines.Count });
    }
}
