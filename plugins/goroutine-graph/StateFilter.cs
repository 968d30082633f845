namespace Dlvx.Plugins.GoroutineGraph;

/// <summary>Which goroutines to keep.</summary>
public enum StateFilter
{
    /// <summary>All goroutines.</summary>
    All,

    /// <summary>Goroutines blocked on channels, locks, select or sleep.</summary>
    Blocking,

    /// <summary>Running or runnable goroutines.</summary>
    Running,
}
