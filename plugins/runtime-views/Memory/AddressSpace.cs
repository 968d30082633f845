namespace Dlvx.Plugins.RuntimeViews.Memory;

/// <summary>The target's mappings and where they were read from.</summary>
/// <param name="Source">What was read, for the output: <c>/proc/1234/maps</c> or <c>core file /tmp/x.core</c>.</param>
/// <param name="Mappings">The mappings, by address.</param>
public sealed record AddressSpace(string Source, IReadOnlyList<AddressMapping> Mappings);
