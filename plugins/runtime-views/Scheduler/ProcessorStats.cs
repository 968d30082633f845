namespace Dlvx.Plugins.RuntimeViews.Scheduler;

/// <summary>One P (a processor: the right to run Go code), as schedtrace's detailed lines show it.</summary>
/// <param name="Id">Its index in <c>allp</c>.</param>
/// <param name="Status">Its status by the runtime's constant without <c>_P</c>: idle, running, syscall, gcstop, dead (Go 1.26: syscall_unused).</param>
/// <param name="RunQueue">Goroutines in its local run queue (<c>runqtail - runqhead</c>, what schedtrace prints as runqsize).</param>
/// <param name="RunNext">Whether a goroutine waits in its <c>runnext</c> slot, to run before the queue.</param>
/// <param name="M">The id of the M it is attached to, or null.</param>
/// <param name="SchedTick">How many times it has scheduled.</param>
/// <param name="SyscallTick">How many system calls it has seen.</param>
/// <param name="FreeGoroutines">Dead goroutines it keeps for reuse (schedtrace's gfreecnt).</param>
/// <param name="Timers">Timers in its heap (schedtrace's timerslen), or null where the layout is not known.</param>
public sealed record ProcessorStats(int Id, string Status, int RunQueue, bool RunNext, long? M, ulong SchedTick, ulong SyscallTick, int FreeGoroutines, int? Timers);
