namespace Dlvx.Plugins.GoroutineGraph;

/// <summary>The data of chan-stats.</summary>
/// <param name="Channels">The channels, most waiters first.</param>
public sealed record ChanStatsData(IReadOnlyList<ChannelStats> Channels);
