using Dlvx.Plugins.HeapStats.Statistics;

namespace Dlvx.Plugins.HeapStats.Snapshots;

/// <summary>How one size class's live objects changed between two snapshots.</summary>
/// <param name="Size">The class's object size.</param>
/// <param name="LiveObjectsChange">Change in live objects (mallocs minus frees).</param>
/// <param name="LiveBytesChange">That change times the size.</param>
/// <param name="Mallocs">Objects allocated in between.</param>
/// <param name="Frees">Objects freed in between.</param>
public sealed record SizeClassChange(uint Size, long LiveObjectsChange, long LiveBytesChange, long Mallocs, long Frees);
