namespace Dlvx.Sdk.Runtime;

/// <summary>Something a blocked goroutine waits on.</summary>
/// <param name="Kind">A channel or a semaphore.</param>
/// <param name="Address">The channel's <c>runtime.hchan</c>, or the semaphore's address (for a <c>sync.Mutex</c>, its <c>sema</c> field).</param>
/// <param name="Operation"><c>send</c> or <c>recv</c> on a channel, <c>acquire</c> on a semaphore.</param>
/// <param name="InSelect">Whether the wait is one case of a select.</param>
/// <param name="ElementType">A channel's element type as the runtime names it (<c>int</c>, <c>*main.job</c>); empty for a semaphore.</param>
public sealed record BlockingObject(BlockingObjectKind Kind, ulong Address, string Operation, bool InSelect, string ElementType = "");
