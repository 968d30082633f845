using Dlvx.Sdk.Runtime;

namespace Dlvx.PluginRuntime.GoRuntime.Goroutines;

/// <summary>
/// The names of goroutine statuses, from the target's own <c>runtime._G*</c> constants: a status a
/// newer runtime adds (Go 1.26's <c>_Gleaked</c>, <c>_Gdeadextra</c>) is named if the target declares it.
/// </summary>
internal static class RuntimeStatusNames
{
    // Every status constant any supported runtime declares (runtime2.go); the values come from the target.
    private static readonly string[] Candidates =
    [
        "_Gidle", "_Grunnable", "_Grunning", "_Gsyscall", "_Gwaiting", "_Gmoribund_unused", "_Gdead",
        "_Genqueue_unused", "_Gcopystack", "_Gpreempted", "_Gleaked", "_Gdeadextra",
    ];

    public static async Task<IReadOnlyDictionary<long, string>> ReadAsync(IRuntimeLayout layout, CancellationToken cancellationToken)
    {
        var names = new Dictionary<long, string>();
        var values = await Task.WhenAll(Candidates.Select(c => layout.FindConstantAsync("runtime." + c, cancellationToken)));
        for (var i = 0; i < Candidates.Length; i++)
        {
            if (values[i] is { } value)
            {
                names.TryAdd(value, Candidates[i][2..].Replace("_unused", "", StringComparison.Ordinal).ToLowerInvariant());
            }
        }

        return names;
    }
}
