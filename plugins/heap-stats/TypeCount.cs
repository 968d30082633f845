namespace Dlvx.Plugins.HeapStats;

/// <summary>One row of the by-type histogram.</summary>
/// <param name="Type">The Go type (slice backing arrays as <c>[N]T</c>).</param>
/// <param name="Objects">Reachable objects of the type.</param>
/// <param name="Bytes">Their allocation slots' bytes.</param>
public sealed record TypeCount(string Type, long Objects, long Bytes);
