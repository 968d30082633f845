namespace Dlvx.Plugins.RuntimeViews.Scheduler;

/// <summary>The --json data of sched-stats: what GODEBUG=schedtrace=1,scheddetail=1 would print at this instant.</summary>
/// <param name="SchedTrace">The summary line in schedtrace's own words (without its time stamp).</param>
/// <param name="GoMaxProcs">GOMAXPROCS (<c>runtime.gomaxprocs</c>).</param>
/// <param name="NumCpu">The CPUs the runtime saw at start-up (<c>runtime.ncpu</c>, <c>runtime.numCPUStartup</c> from Go 1.26).</param>
/// <param name="IdleProcs">Ps on the idle list (<c>sched.npidle</c>).</param>
/// <param name="Threads">Ms (OS threads) the runtime has, as schedtrace counts them (<c>mcount()</c>: <c>sched.mnext - sched.nmfreed</c>).</param>
/// <param name="SpinningThreads">Ms looking for work (<c>sched.nmspinning</c>).</param>
/// <param name="NeedSpinning">Whether the scheduler wants another spinning M (<c>sched.needspinning</c>); null where the runtime has no such field (before Go 1.21).</param>
/// <param name="IdleThreads">Ms parked on the idle list (<c>sched.nmidle</c>).</param>
/// <param name="GlobalRunQueue">Goroutines on the global run queue.</param>
/// <param name="Processors">Every P, in <c>allp</c> order.</param>
/// <param name="Machines">Every M on <c>allm</c>, newest first as the runtime links them.</param>
/// <param name="Goroutines">Goroutine counts.</param>
/// <param name="Gc">The garbage collector's cycle and phase.</param>
/// <param name="World">Whether a stop-the-world is in progress or complete.</param>
public sealed record SchedStatsData(
    string SchedTrace,
    int GoMaxProcs,
    int? NumCpu,
    int IdleProcs,
    int Threads,
    int SpinningThreads,
    bool? NeedSpinning,
    int IdleThreads,
    int GlobalRunQueue,
    IReadOnlyList<ProcessorStats> Processors,
    IReadOnlyList<MachineStats> Machines,
    GoroutineCounts Goroutines,
    GcState Gc,
    WorldState World);
