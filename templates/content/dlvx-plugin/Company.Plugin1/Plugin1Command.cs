using System.Globalization;
using System.Text;
using Dlvx.Sdk;
using Dlvx.Sdk.Delve;
using Dlvx.Sdk.Text;

namespace Company.Plugin1;

/// <summary>
/// Counts the target's goroutines by the function they were started with, most first. Run it twice:
/// a count that keeps growing is a goroutine leak.
/// </summary>
[Command("plugin1-command", Summary = "Count goroutines by the function that started them, most first (a growing count is a leak).")]
public sealed class Plugin1Command(IDelveClient delve) : ICommand
{
    // Paging keeps each Delve response small on targets with very many goroutines.
    private const int PageSize = 1000;

    /// <summary>How many start functions to show.</summary>
    [Option("top", Description = "Show only the N most common start functions", ValueName = "N")]
    public int Top { get; set; } = 10;

    /// <inheritdoc/>
    public async Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (Top <= 0)
        {
            throw new UsageException("-top must be positive");
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var total = 0;
        await foreach (var goroutine in delve.EnumerateGoroutinesAsync(PageSize, cancellationToken))
        {
            var function = goroutine.StartLoc.Function?.Name is { Length: > 0 } name ? name : "?";
            counts[function] = counts.GetValueOrDefault(function) + 1;
            total++;
        }

        var top = counts
            .OrderByDescending(c => c.Value)
            .ThenBy(c => c.Key, StringComparer.Ordinal)
            .Take(Top)
            .Select(c => new StartFunctionCount(c.Key, c.Value))
            .ToList();

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{total} goroutines");
        var table = new TextTable { Indent = "    " }.AddColumn("", ColumnAlignment.Right).AddColumn("");
        foreach (var entry in top)
        {
            table.AddRow(entry.Count, entry.Function);
        }

        if (table.RowCount > 0)
        {
            table.AppendTo(text.AppendLine());
        }

        return CommandResult.Create(text.ToString(), new GoroutineCensus(total, top));
    }
}
