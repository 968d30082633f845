namespace Dlvx.Host.Front;

/// <summary>
/// Counts of the front port's client connections and of the connections they opened to Delve,
/// reported by <c>Dlvx.Stats</c>. The two differ on purpose: a client reaches Delve only once it
/// sends a message Delve must answer, and these counts are how that stays observable.
/// </summary>
internal sealed class ConnectionStatistics
{
    private long clientConnectionsAccepted;
    private long clientConnectionsOpen;
    private long delveConnectionsOpened;
    private long delveConnectionsOpen;

    /// <summary>Client connections accepted since dlvx started (refused ones from other users excluded).</summary>
    public long ClientConnectionsAccepted => Interlocked.Read(ref clientConnectionsAccepted);

    /// <summary>Client connections accepted and not yet finished.</summary>
    public long ClientConnectionsOpen => Interlocked.Read(ref clientConnectionsOpen);

    /// <summary>Connections that clients' proxies opened to Delve since dlvx started (the plugins' own connection excluded).</summary>
    public long DelveConnectionsOpened => Interlocked.Read(ref delveConnectionsOpened);

    /// <summary>Connections to Delve opened for clients and not yet disposed.</summary>
    public long DelveConnectionsOpen => Interlocked.Read(ref delveConnectionsOpen);

    public void ClientAccepted()
    {
        Interlocked.Increment(ref clientConnectionsAccepted);
        Interlocked.Increment(ref clientConnectionsOpen);
    }

    public void ClientFinished() => Interlocked.Decrement(ref clientConnectionsOpen);

    public void DelveOpened()
    {
        Interlocked.Increment(ref delveConnectionsOpened);
        Interlocked.Increment(ref delveConnectionsOpen);
    }

    public void DelveClosed() => Interlocked.Decrement(ref delveConnectionsOpen);
}
