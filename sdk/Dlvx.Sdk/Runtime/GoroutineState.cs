namespace Dlvx.Sdk.Runtime;

/// <summary>One goroutine as the runtime keeps it.</summary>
/// <param name="Id">Its id (<c>g.goid</c>), as Delve and stack dumps show it.</param>
/// <param name="Address">Its <c>runtime.g</c>.</param>
/// <param name="Status">Its status by the runtime's name without the <c>_G</c> prefix, lower case: <c>running</c>, <c>waiting</c>, <c>leaked</c> (Go 1.26)...</param>
/// <param name="WaitReason">While waiting, the runtime's reason (<c>chan receive</c>, <c>sync.Mutex.Lock</c>), from the target's own table; else empty.</param>
/// <param name="StartPc">The function it started in (<c>g.startpc</c>).</param>
/// <param name="CreatorPc">Where the <c>go</c> statement that created it is (<c>g.gopc</c>).</param>
/// <param name="BlockedOn">The channels or semaphores it waits on: one per channel it blocks on, every case of a select.</param>
public sealed record GoroutineState(long Id, ulong Address, string Status, string WaitReason, ulong StartPc, ulong CreatorPc, IReadOnlyList<BlockingObject> BlockedOn);
