namespace Dlvx.Plugins.RuntimeViews.Memory;

/// <summary>What the Go runtime knows about its address space at this stop.</summary>
/// <param name="Ranges">Arenas, stack and work-buffer spans, and the runtime's off-heap metadata.</param>
/// <param name="Modules">The modules' sections.</param>
/// <param name="Figures">The runtime's own figures to cross-check the map against.</param>
public sealed record GoMemoryLayout(IReadOnlyList<GoRange> Ranges, IReadOnlyList<ModuleSections> Modules, RuntimeMemoryFigures Figures);
