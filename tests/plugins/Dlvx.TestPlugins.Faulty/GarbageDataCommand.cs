using Dlvx.Sdk;

namespace Dlvx.TestPlugins.Faulty;

[Command("fault-garbage", Summary = "Returns data that cannot be serialised (a cycle).")]
public sealed class GarbageDataCommand : ICommand
{
    public Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var node = new CyclicNode();
        node.Next = node;
        return Task.FromResult(CommandResult.Create("garbage", node));
    }
}
