namespace Dlvx.Plugins.HeapStats;

/// <summary>A reference the heap walk found and has yet to look at.</summary>
/// <param name="Address">Where it points.</param>
/// <param name="Type">The Go type it was reached by (the element type for arrays, the map type for map internals).</param>
/// <param name="Kind">How to name and scan what is there.</param>
/// <param name="Count">Elements of an array (a slice's capacity).</param>
/// <param name="Root">The root it was reached from, for --by-root.</param>
internal sealed record WalkTarget(ulong Address, string Type, WalkTargetKind Kind, ulong Count, string Root);
