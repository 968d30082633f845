using Dlvx.Plugins.HeapStats.Statistics;

namespace Dlvx.Plugins.HeapStats.Snapshots;

/// <summary>How one MemStats figure changed between two snapshots.</summary>
/// <param name="Name">The MemStats field.</param>
/// <param name="From">Its value in the older snapshot.</param>
/// <param name="To">Its value in the newer one.</param>
/// <param name="Change">To minus From.</param>
/// <param name="IsBytes">Whether the figure counts bytes (for formatting).</param>
public sealed record CounterChange(string Name, ulong From, ulong To, long Change, bool IsBytes);
