using Dlvx.Sdk;

namespace Dlvx.TestPlugins.Faulty;

[Command("fault-ignore-cancel", Summary = "Blocks a thread for a long time and ignores its token.", RequiresStoppedTarget = false)]
public sealed class IgnoreCancellationCommand : ICommand
{
    [Option("seconds")]
    public int Seconds { get; set; } = 30;

    public Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        System.Threading.Thread.Sleep(TimeSpan.FromSeconds(Seconds));
        return Task.FromResult(CommandResult.Create("woke up"));
    }
}
