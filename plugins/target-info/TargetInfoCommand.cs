using System.Text;
using Dlvx.Sdk;
using Dlvx.Sdk.Delve;

namespace Dlvx.Plugins.TargetInfo;

/// <summary>Summarises the session: versions, process, where it stopped and how many goroutines it has.</summary>
[Command("target-info", Aliases = ["ti"], Summary = "Show the Delve and Go versions, pid, stop location and goroutine count.")]
public sealed class TargetInfoCommand(IDelveClient delve) : ICommand
{
    // Paging keeps each response small on targets with very many goroutines.
    private const int PageSize = 5000;

    /// <inheritdoc/>
    public async Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var version = await delve.GetVersionAsync(cancellationToken);
        var state = await delve.GetStateAsync(nonBlocking: true, cancellationToken);
        var goroutines = await CountGoroutinesAsync(cancellationToken);

        var thread = state.CurrentThread;
        var selected = state.SelectedGoroutine;
        var location = selected?.UserCurrentLoc is { Line: > 0 } user ? user
            : thread is null ? null : new Location { File = thread.File, Line = thread.Line, Function = thread.Function, Pc = thread.Pc };
        var info = new TargetInfo(
            version.DelveVersion.Split('\n')[0].Replace("Version:", "", StringComparison.Ordinal).Trim(),
            version.ApiVersion,
            version.Backend,
            version.TargetGoVersion.Replace("Go cmd/compile ", "", StringComparison.Ordinal),
            state.Pid,
            state.Exited,
            selected?.Id,
            location is null ? null : new StopLocation(location.Function?.Name ?? "?", location.File, location.Line),
            thread?.Breakpoint is { Id: not 0 } bp ? bp.Id : null,
            goroutines);

        var text = new StringBuilder();
        text.AppendLine($"Delve      {info.DelveVersion} (API v{info.ApiVersion}, backend {info.Backend})");
        text.AppendLine($"Go         {(info.GoVersion.Length > 0 ? info.GoVersion : "unknown")}");
        text.AppendLine($"Process    {(info.Pid > 0 ? info.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none (core dump)")}");
        text.AppendLine(info.Location is { } at
            ? $"Stopped at {at.Function} {at.File}:{at.Line}{(info.BreakpointId is { } id ? $" (breakpoint {id})" : "")}{(info.GoroutineId is { } g ? $", goroutine {g}" : "")}"
            : "Stopped at unknown location");
        text.Append($"Goroutines {info.Goroutines}");
        return CommandResult.Create(text.ToString(), info);
    }

    private async Task<int> CountGoroutinesAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        var start = 0;
        do
        {
            var page = await delve.ListGoroutinesAsync(new ListGoroutinesRequest { Start = start, Count = PageSize }, cancellationToken);
            total += page.Goroutines.Count;
            start = page.Nextg;
        }
        while (start > 0);
        return total;
    }
}
