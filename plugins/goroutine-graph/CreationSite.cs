namespace Dlvx.Plugins.GoroutineGraph;

/// <summary>How a goroutine's creation site is written in snapshots and diffs.</summary>
public static class CreationSite
{
    public static string Of(GoroutineRecord g) =>
        g.GoStatement.Line == 0 ? $"(runtime) {g.Start.Function}" : $"{g.GoStatement.Function} {GraphBuilder.ShortFile(g.GoStatement.File)}:{g.GoStatement.Line} -> {g.Start.Function}";
}
