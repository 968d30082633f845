using System.Globalization;
using Dlvx.Sdk;
using Dlvx.Sdk.Delve;
using Dlvx.Sdk.Text;

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

        var at = info.Location is { } stop
            ? $"{stop.Function} {stop.File}:{stop.Line}{(info.BreakpointId is { } id ? $" (breakpoint {id})" : "")}{(info.GoroutineId is { } g ? $", goroutine {g}" : "")}"
            : "unknown location";
        var text = new TextTable { Gap = " " }.AddColumn("").AddColumn("")
            .AddRow("Delve", $"{info.DelveVersion} (API v{info.ApiVersion}, backend {info.Backend})")
            .AddRow("Go", info.GoVersion.Length > 0 ? info.GoVersion : "unknown")
            .AddRow("Process", info.Pid > 0 ? info.Pid.ToString(CultureInfo.InvariantCulture) : "none (core dump)")
            .AddRow("Stopped at", at)
            .AddRow("Goroutines", info.Goroutines);
        return CommandResult.Create(text.ToString(), info);
    }

    private async Task<int> CountGoroutinesAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        await foreach (var unused in delve.EnumerateGoroutinesAsync(PageSize, cancellationToken))
        {
            total++;
        }

        return total;
    }
}
