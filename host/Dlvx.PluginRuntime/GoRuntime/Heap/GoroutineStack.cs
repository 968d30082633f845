namespace Dlvx.PluginRuntime.GoRuntime.Heap;

/// <summary>The live part of one goroutine's stack, as the collector would scan it.</summary>
/// <param name="Id">The goroutine's id.</param>
/// <param name="Low">Where scanning starts: the saved or current stack pointer.</param>
/// <param name="High">The stack's top (g.stack.hi).</param>
/// <param name="Pc">The saved or current program counter, which with the depth identifies the stack's shape.</param>
/// <param name="OnThread">The thread running it, or 0.</param>
/// <param name="Bottom">The stack's bottom (g.stack.lo).</param>
internal sealed record GoroutineStack(long Id, ulong Low, ulong High, ulong Pc, int OnThread, ulong Bottom);
