namespace Dlvx.Plugins.RuntimeViews.Scheduler;

/// <summary>Where the garbage collector is.</summary>
/// <param name="Cycles">Completed cycles (<c>memstats.numgc</c>, MemStats.NumGC).</param>
/// <param name="ForcedCycles">Of those, cycles forced by <c>runtime.GC()</c> or debug.FreeOSMemory (MemStats.NumForcedGC).</param>
/// <param name="Phase">The phase by the runtime's constant without <c>_GC</c>: off, mark or marktermination.</param>
/// <param name="Percent">GOGC as the runtime holds it now (negative: off), or null where it cannot be read.</param>
public sealed record GcState(uint Cycles, uint ForcedCycles, string Phase, int? Percent);
