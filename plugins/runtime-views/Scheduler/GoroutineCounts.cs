namespace Dlvx.Plugins.RuntimeViews.Scheduler;

/// <summary>The goroutines, counted the runtime's ways.</summary>
/// <param name="NumGoroutine">What <c>runtime.NumGoroutine()</c> would return now (the runtime's <c>gcount</c>: all goroutines but the free ones and the system ones).</param>
/// <param name="Total">Goroutines that are not dead, system goroutines included (what <see cref="ByStatus"/> adds up to).</param>
/// <param name="System">System goroutines (<c>sched.ngsys</c>: the GC's workers, the finalizer goroutine...).</param>
/// <param name="ByStatus">Not-dead goroutines by status, by the runtime's own names (running, runnable, waiting, syscall...).</param>
/// <param name="ByWaitReason">Waiting goroutines by the runtime's wait reason.</param>
public sealed record GoroutineCounts(int NumGoroutine, int Total, int System, IReadOnlyDictionary<string, int> ByStatus, IReadOnlyDictionary<string, int> ByWaitReason);
