using Dlvx.Plugins.HeapStats.Statistics;

namespace Dlvx.Plugins.HeapStats.Snapshots;

/// <summary>The memory statistics of one moment, kept under a name to diff later (and the shape of <c>--save</c> files).</summary>
/// <param name="Name">The snapshot's name.</param>
/// <param name="TakenAt">When it was taken (host clock).</param>
/// <param name="Stats">The statistics.</param>
public sealed record HeapSnapshot(string Name, DateTimeOffset TakenAt, MemStats Stats);
