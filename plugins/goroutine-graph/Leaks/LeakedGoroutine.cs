namespace Dlvx.Plugins.GoroutineGraph.Leaks;

/// <summary>One goroutine that can never run again, in goroutine-leaks' JSON.</summary>
/// <param name="Id">Its goroutine id.</param>
/// <param name="Start">The function it started in.</param>
/// <param name="CreatedBy">The <c>go</c> statement that created it.</param>
/// <param name="WaitReason">The runtime's wait reason.</param>
/// <param name="BlockedOn">What it waits on; <see langword="null"/> for a nil channel or an empty select.</param>
public sealed record LeakedGoroutine(long Id, CodeLocation Start, CodeLocation CreatedBy, string WaitReason, LeakBlockedOn? BlockedOn);
