namespace Dlvx.Plugins.GoroutineGraph;

/// <summary>A goroutine waiting on a channel.</summary>
/// <param name="Goroutine">Its id.</param>
/// <param name="InSelect">Whether it waits in a select (one of several cases).</param>
public sealed record ChannelWaiter(long Goroutine, bool InSelect);
