namespace Dlvx.Host.Front;

/// <summary>Limits and settings every front connection shares.</summary>
internal sealed class ProxyOptions
{
    /// <summary>The largest message accepted from a client; larger ones close the connection with an error.</summary>
    public int MaxMessageBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>Whether loopback connections from other users are refused (Delve's <c>--only-same-user</c>).</summary>
    public bool OnlySameUser { get; init; } = true;

    /// <summary>How many requests the plugins' connection has sent to Delve (reported by <c>Dlvx.Stats</c>).</summary>
    public Func<long> PluginDelveRequests { get; init; } = static () => 0;

    /// <summary>How many sequential round trips those requests took (reported by <c>Dlvx.Stats</c>).</summary>
    public Func<long> PluginDelveRoundTrips { get; init; } = static () => 0;

    /// <summary>Reloads the session's plugins for <c>Dlvx.ReloadPlugins</c>; null where there is no session to reload.</summary>
    public Func<Api.ReloadPluginsResponse>? ReloadPlugins { get; init; }
}
