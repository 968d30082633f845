using Dlvx.Sdk;

namespace Dlvx.TestPlugins.Conflicting;

/// <summary>Fails with an exception the SDK does not know.</summary>
[Command("test-throw", Summary = "Throws InvalidOperationException.", RequiresStoppedTarget = false)]
public sealed class ThrowingCommand : ICommand
{
    public const string Message = "test-throw failed on purpose";

    public Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken) =>
        throw new InvalidOperationException(Message);
}
