namespace Dlvx.Plugins.HeapStats;

/// <summary>What a walk of the reachable heap found.</summary>
internal sealed record HeapWalk(IReadOnlyList<TypeCount> Types, IReadOnlyList<RootCount> Roots, int RootCount, IReadOnlyList<string> UnscannedTypes, long Objects, long Bytes, TimeSpan Elapsed);
