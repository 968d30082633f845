namespace Dlvx.PluginRuntime.Delve;

/// <summary>A Delve release line and the Go releases it debugs (Delve's pkg/goversion/compat.go at that tag).</summary>
/// <param name="First">The first Delve release with this range.</param>
/// <param name="Last">The last Delve release with this range.</param>
/// <param name="MinGo">The oldest Go minor release it accepts (1.MinGo).</param>
/// <param name="MaxGo">The newest Go minor release it accepts (1.MaxGo).</param>
internal sealed record DelveRelease(Version First, Version Last, int MinGo, int MaxGo)
{
    /// <summary>
    /// Every Delve release from 1.20.0 to 1.27.1, read from compat.go at each tag. Delve has no way to
    /// ask which Go a binary accepts without starting it on a target, so dlvx keeps the table; a Delve
    /// newer than it is trusted to check for itself.
    /// </summary>
    public static IReadOnlyList<DelveRelease> Known { get; } =
    [
        new(new(1, 20, 0), new(1, 20, 2), 18, 20),
        new(new(1, 21, 0), new(1, 21, 0), 18, 21),
        new(new(1, 21, 1), new(1, 21, 2), 19, 21),
        new(new(1, 22, 0), new(1, 22, 1), 19, 22),
        new(new(1, 23, 0), new(1, 23, 1), 21, 23),
        new(new(1, 24, 0), new(1, 25, 0), 21, 24),
        new(new(1, 25, 1), new(1, 25, 2), 22, 25),
        new(new(1, 26, 0), new(1, 26, 3), 24, 26),
        new(new(1, 27, 0), new(1, 27, 1), 25, 27),
    ];

    /// <summary>The release line <paramref name="delve"/> belongs to, or null if the table does not know it.</summary>
    /// <remarks>A later patch release of a known minor line is taken to keep its range.</remarks>
    public static DelveRelease? Of(Version delve)
    {
        var line = Known.LastOrDefault(r => r.First <= delve);
        return line is not null && (delve <= line.Last || (delve.Major == line.Last.Major && delve.Minor == line.Last.Minor)) ? line : null;
    }

    /// <summary>Whether this line debugs Go 1.<paramref name="goMinor"/>.</summary>
    public bool Debugs(int goMinor) => goMinor >= MinGo && goMinor <= MaxGo;

    /// <summary>Which Delve releases debug Go 1.<paramref name="goMinor"/>, as text: <c>Delve 1.26.0 to 1.27.1</c>.</summary>
    public static string For(int goMinor)
    {
        var lines = Known.Where(r => r.Debugs(goMinor)).ToList();
        return lines.Count == 0
            ? goMinor > Known[^1].MaxGo ? $"a Delve newer than {Known[^1].Last}" : $"a Delve older than {Known[0].First}"
            : $"Delve {lines[0].First} to {lines[^1].Last}";
    }
}
