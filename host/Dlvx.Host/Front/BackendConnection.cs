using System.Net.Sockets;
using Dlvx.PluginRuntime.Delve;

namespace Dlvx.Host.Front;

/// <summary>
/// One client's own connection to Delve, opened only when the client first sends a message that
/// Delve must answer. Clients that connect and leave, send garbage or half a message, or only run
/// plugin commands never reach Delve: each connection handed to Delve costs it a session to set up
/// and wind down, and a burst of dropped clients would otherwise become a burst of Delve connections
/// that delays everyone else's requests.
/// </summary>
/// <remarks>
/// The proxy's client side opens the connection (<see cref="Connect"/> or <see cref="ConnectAsync"/>)
/// while the proxy's closing side may call <see cref="Close"/> at any moment; once closed, no
/// connection is opened any more, so a request read just as dlvx stops cannot leave a stray
/// connection behind.
/// </remarks>
internal sealed class BackendConnection : IDisposable
{
    private readonly ConnectionStatistics statistics;
    private readonly Lock gate = new();
    private Socket? socket;
    private bool connected;
    private bool closed;

    public BackendConnection(DelveEndpoint endpoint, ConnectionStatistics statistics)
    {
        Endpoint = endpoint;
        this.statistics = statistics;
    }

    /// <summary>Where Delve listens.</summary>
    public DelveEndpoint Endpoint { get; }

    /// <summary>
    /// Opens the connection with a blocking connect, which leaves the socket in blocking mode: the
    /// JSON-RPC pass-through threads rely on cheap blocking calls.
    /// </summary>
    /// <exception cref="SocketException">Delve refused or could not be reached.</exception>
    /// <exception cref="ObjectDisposedException">The connection was closed before or while opening it.</exception>
    public Socket Connect()
    {
        var opening = BeginOpening();
        opening.Connect(Endpoint.Host, Endpoint.Port);
        return FinishOpening(opening);
    }

    /// <summary>Opens the connection asynchronously (the DAP proxy works with asynchronous sockets).</summary>
    /// <exception cref="SocketException">Delve refused or could not be reached.</exception>
    /// <exception cref="ObjectDisposedException">The connection was closed before or while opening it.</exception>
    public async Task<Socket> ConnectAsync(CancellationToken cancellationToken)
    {
        var opening = BeginOpening();
        await opening.ConnectAsync(Endpoint.Host, Endpoint.Port, cancellationToken);
        return FinishOpening(opening);
    }

    /// <summary>
    /// Shuts the connection down in both directions so that threads blocked on it return, and makes
    /// later attempts to open it fail. The socket itself is released by <see cref="Dispose"/>, once
    /// nothing uses it any more.
    /// </summary>
    public void Close()
    {
        Socket? current;
        lock (gate)
        {
            closed = true;
            current = socket;
        }

        if (current is not null)
        {
            SocketClose.Quietly(current);
        }
    }

    public void Dispose()
    {
        Close();
        Socket? current;
        bool wasConnected;
        lock (gate)
        {
            current = socket;
            wasConnected = connected;
            socket = null;
        }

        current?.Dispose();
        if (wasConnected)
        {
            statistics.DelveClosed();
        }
    }

    private Socket BeginOpening()
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(closed, this);
            if (socket is not null)
            {
                throw new InvalidOperationException("the connection to Delve has already been opened");
            }

            socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            return socket;
        }
    }

    private Socket FinishOpening(Socket opened)
    {
        bool closedMeanwhile;
        lock (gate)
        {
            connected = true;
            closedMeanwhile = closed;
        }

        // Counted even when closed meanwhile: Delve did receive this connection.
        statistics.DelveOpened();
        if (closedMeanwhile)
        {
            // Close() ran while the connect was in progress, when there was nothing to shut down yet.
            SocketClose.Quietly(opened);
            throw new ObjectDisposedException(nameof(BackendConnection), "the client connection closed while Delve was being connected");
        }

        return opened;
    }
}
