namespace Dlvx.Plugins.HeapStats.Walk;

/// <summary>How <c>heap-stats --by-type</c> orders its rows.</summary>
public enum HistogramSort
{
    /// <summary>Most bytes first.</summary>
    Bytes = 0,

    /// <summary>Most objects first.</summary>
    Objects = 1,
}
