using Dlvx.Host.Cli;
using Dlvx.Sdk.Delve;

namespace Dlvx.Host.Report;

/// <summary>
/// Runs each section's command through a running dlvx, one after the other (they read the same stop),
/// and keeps what each answered. A command that is not loaded gives a section that says so; one that
/// fails gives a section with its error; neither stops the others.
/// </summary>
internal sealed class ReportCollector(DlvxRemote dlvx)
{
    /// <summary>Gathers every section.</summary>
    /// <param name="plan">The sections.</param>
    /// <param name="starting">Told before each section runs: its number (from 1), the total, and the section.</param>
    /// <param name="cancellationToken">Abandons the run.</param>
    /// <exception cref="DelveConnectionException">dlvx cannot be reached.</exception>
    /// <exception cref="DelveException">dlvx refused to list its commands (it is a plain Delve server, say).</exception>
    public async Task<IReadOnlyList<ReportSection>> CollectAsync(IReadOnlyList<PlannedSection> plan, Action<int, int, PlannedSection> starting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(starting);
        var loaded = (await dlvx.ListCommandsAsync(cancellationToken)).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var sections = new List<ReportSection>(plan.Count);
        for (var i = 0; i < plan.Count; i++)
        {
            var section = plan[i];
            if (!loaded.Contains(section.CommandName))
            {
                sections.Add(new ReportSection(section, SectionOutcome.NotAvailable, $"{section.CommandName} is not loaded in this dlvx (its plugin is not installed or was not loaded).", null));
                continue;
            }

            starting(i + 1, plan.Count, section);
            try
            {
                var reply = await dlvx.RunAsync(section.Command, cancellationToken);
                sections.Add(new ReportSection(section, SectionOutcome.Ok, reply.Text, reply.Data));
            }
            catch (DelveException e) when (e is not DelveConnectionException)
            {
                sections.Add(new ReportSection(section, SectionOutcome.Failed, e.Message, null));
            }
        }

        return sections;
    }
}
