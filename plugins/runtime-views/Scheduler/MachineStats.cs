namespace Dlvx.Plugins.RuntimeViews.Scheduler;

/// <summary>One M (an OS thread the runtime runs Go code on), as schedtrace's detailed lines show it.</summary>
/// <param name="Id">The runtime's id for it.</param>
/// <param name="ThreadId">The OS thread id (<c>m.procid</c>), as Delve's thread list shows it.</param>
/// <param name="P">The id of the P it holds, or null.</param>
/// <param name="CurrentGoroutine">The goroutine it runs (<c>m.curg</c>), or null.</param>
/// <param name="Spinning">Whether it is looking for work.</param>
/// <param name="Blocked">Whether it is parked on a note.</param>
/// <param name="LockedGoroutine">The goroutine locked to it (LockOSThread), or null.</param>
public sealed record MachineStats(long Id, long ThreadId, int? P, long? CurrentGoroutine, bool Spinning, bool Blocked, long? LockedGoroutine);
