namespace Dlvx.Host.Api;

/// <summary>The answer to <c>Dlvx.Stats</c>: counters for tests, the bench and diagnostics.</summary>
/// <param name="PluginDelveRequests">Requests the plugins' own Delve connection has sent.</param>
/// <param name="PluginDelveRoundTrips">Sequential round trips those took (pipelined requests share one).</param>
/// <param name="ClientConnectionsAccepted">Client connections accepted since dlvx started.</param>
/// <param name="ClientConnectionsOpen">Client connections not yet finished.</param>
/// <param name="DelveConnectionsOpened">Connections clients' proxies opened to Delve.</param>
/// <param name="DelveConnectionsOpen">Those not yet closed.</param>
/// <param name="Plugins">Plugins loaded.</param>
/// <param name="PluginLoadFailures">Plugins that did not load, each with its path and reason.</param>
internal sealed record StatsResponse(
    long PluginDelveRequests,
    long PluginDelveRoundTrips,
    long ClientConnectionsAccepted,
    long ClientConnectionsOpen,
    long DelveConnectionsOpened,
    long DelveConnectionsOpen,
    int Plugins,
    IReadOnlyList<string> PluginLoadFailures);
