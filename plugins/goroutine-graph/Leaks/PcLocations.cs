using System.Globalization;
using Dlvx.Sdk.Delve;

namespace Dlvx.Plugins.GoroutineGraph.Leaks;

/// <summary>
/// Code locations of program counters, asked of Delve once per distinct pc: thousands of leaked
/// goroutines usually come from a handful of go statements.
/// </summary>
internal sealed class PcLocations(IDelveClient delve)
{
    private static readonly CodeLocation Unknown = new("?", "", 0);
    private readonly Dictionary<ulong, CodeLocation> known = [];

    /// <summary>The function entry a goroutine started at (g.startpc).</summary>
    public Task<CodeLocation> StartAsync(ulong pc, CancellationToken cancellationToken) => LocateAsync(pc, cancellationToken);

    /// <summary>
    /// The go statement that created a goroutine. g.gopc is the return address after the call into
    /// the runtime, so the statement is the instruction before it (as Delve and the runtime's own
    /// tracebacks do).
    /// </summary>
    public Task<CodeLocation> GoStatementAsync(ulong pc, CancellationToken cancellationToken) => LocateAsync(pc == 0 ? 0 : pc - 1, cancellationToken);

    private async Task<CodeLocation> LocateAsync(ulong pc, CancellationToken cancellationToken)
    {
        if (pc == 0)
        {
            return Unknown;
        }

        if (!known.TryGetValue(pc, out var location))
        {
            try
            {
                var found = await delve.FindLocationAsync("*0x" + pc.ToString("x", CultureInfo.InvariantCulture), null, cancellationToken);
                location = found.Count > 0 ? CodeLocation.From(found[0]) : Unknown;
            }
            catch (DelveException e) when (e is not TargetRunningException and not ProcessExitedException and not DelveConnectionException)
            {
                location = Unknown;
            }

            known[pc] = location;
        }

        return location;
    }
}
