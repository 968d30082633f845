namespace Dlvx.Plugins.GoroutineGraph;

/// <summary>One channel goroutines are blocked on.</summary>
/// <param name="Address">Its runtime.hchan.</param>
/// <param name="Name">The package variable holding it, or a waiter's local; empty when neither was found.</param>
/// <param name="Type">Its type, <c>chan T</c>, with T as the runtime names it.</param>
/// <param name="Len">Values queued in its buffer.</param>
/// <param name="Cap">Its buffer's size (0: unbuffered).</param>
/// <param name="Closed">Whether it is closed.</param>
/// <param name="Senders">Goroutines waiting to send.</param>
/// <param name="Receivers">Goroutines waiting to receive.</param>
public sealed record ChannelStats(string Address, string Name, string Type, long Len, long Cap, bool Closed, List<ChannelWaiter> Senders, List<ChannelWaiter> Receivers);
