using Dlvx.Sdk.Delve;
using Dlvx.Sdk.Runtime;

namespace Dlvx.Sdk.Testing.Tests.Commands;

/// <summary>
/// Asks Delve a little of everything a recording must carry: pages of goroutines, an Eval, an Eval
/// Delve refuses (the error is part of the answer), and target memory through the runtime services.
/// </summary>
[Command("kit-census", Summary = "Goroutines, a package variable by Eval and from memory, and a missing one.")]
public sealed class CensusCommand(IDelveClient delve, IGoValues values) : ICommand
{
    public async Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var goroutines = 0;
        await foreach (var goroutine in delve.EnumerateGoroutinesAsync(2, cancellationToken))
        {
            goroutines++;
        }

        var counter = await delve.EvalAsync("main.counter", cancellationToken: cancellationToken);
        string missing;
        try
        {
            missing = (await delve.EvalAsync("noSuchVariable", cancellationToken: cancellationToken)).Value;
        }
        catch (SymbolNotFoundException e)
        {
            missing = $"{e.GetType().Name}: {e.Message}";
        }

        // The same variable again, its bytes read from target memory by the runtime services.
        var inMemory = await values.EvalAsync("main.counter", cancellationToken: cancellationToken);
        var census = new Census(goroutines, counter.Value, missing, inMemory.ToInt64());
        return CommandResult.Create($"{census.Goroutines} goroutines, counter {census.Counter} ({census.CounterInMemory} in memory); {census.Missing}", census);
    }
}
