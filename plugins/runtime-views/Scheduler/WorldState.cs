namespace Dlvx.Plugins.RuntimeViews.Scheduler;

/// <summary>Whether the runtime is stopping, or has stopped, the world (every P) for a collection or another stop-the-world.</summary>
/// <param name="Stopped">Every P has stopped: <c>sched.gcwaiting</c> is set and no P is left to stop.</param>
/// <param name="Stopping">A stop is under way (<c>sched.gcwaiting</c>) but <see cref="PsToStop"/> Ps still run.</param>
/// <param name="PsToStop">Ps the stop still waits for (<c>sched.stopwait</c>).</param>
public sealed record WorldState(bool Stopped, bool Stopping, int PsToStop);
