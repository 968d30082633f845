namespace Dlvx.Plugins.HeapStats.Retention;

/// <summary>The data of heap-path: the object and the paths to it, each from its root to the object.</summary>
/// <param name="Target">The object.</param>
/// <param name="Paths">The paths.</param>
public sealed record HeapPathData(HeapPathTarget Target, IReadOnlyList<IReadOnlyList<HeapPathEntry>> Paths);
