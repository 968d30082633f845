using System.Text.Json.Serialization;

namespace Dlvx.Plugins.HeapStats.Statistics;

/// <summary>Allocation counts for one size class, as in Go's <c>MemStats.BySize</c>.</summary>
/// <param name="Size">The largest object the class holds, in bytes.</param>
/// <param name="Mallocs">Cumulative objects allocated in the class.</param>
/// <param name="Frees">Cumulative objects freed in the class.</param>
public sealed record SizeClassStats(uint Size, ulong Mallocs, ulong Frees)
{
    /// <summary>Objects of the class that are live (allocated and not yet freed).</summary>
    [JsonIgnore]
    public ulong Live => Mallocs - Frees;
}
