using Dlvx.Sdk.Delve;
using Dlvx.Sdk.Runtime;

namespace Dlvx.Sdk.Testing.Tests.Commands;

/// <summary>
/// A channel's Len and Cap as Delve's Variable has them, next to its real length and capacity read
/// from the runtime's hchan: what the SDK documents about <see cref="Variable.Len"/> for channels.
/// </summary>
[Command("kit-channel", Summary = "A channel's Variable Len/Cap and its hchan's qcount/dataqsiz.")]
public sealed class ChannelShapeCommand(IDelveClient delve, IGoValues values) : ICommand
{
    [Argument(0, Name = "EXPR", Required = true)]
    public string Expression { get; set; } = "";

    public async Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var variable = await delve.EvalAsync(Expression, cancellationToken: cancellationToken);
        var channel = await values.EvalAsync(Expression, cancellationToken: cancellationToken);
        var hchan = await values.ReadAsync("runtime.hchan", channel.Pointer, cancellationToken);
        var shape = new ChannelShape(variable.Len, variable.Cap, variable.Children.Count, (long)hchan["qcount"].ToUInt64(), (long)hchan["dataqsiz"].ToUInt64());
        return CommandResult.Create($"{shape}", shape);
    }
}
