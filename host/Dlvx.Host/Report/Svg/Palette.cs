namespace Dlvx.Host.Report.Svg;

/// <summary>The colours of the report's charts: one per memory-map kind, and a series for other charts (colour-blind safe, Tableau 10).</summary>
internal static class Palette
{
    public static IReadOnlyList<string> Series { get; } = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];

    /// <summary>The colour of a memory-map region kind.</summary>
    public static string ForKind(string kind) => kind switch
    {
        "heap" => "#4e79a7",
        "stack" => "#f28e2b",
        "text" => "#e15759",
        "rodata" => "#ff9da7",
        "data" => "#59a14f",
        "bss" => "#8cd17d",
        "runtime" => "#b07aa1",
        _ => "#bab0ac",
    };
}
