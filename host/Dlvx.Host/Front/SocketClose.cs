using System.Net.Sockets;

namespace Dlvx.Host.Front;

/// <summary>Closing sockets that the peer may already have closed.</summary>
internal static class SocketClose
{
    /// <summary>Shuts down one or both directions, ignoring a socket that is already closed.</summary>
    public static void Quietly(Socket socket, SocketShutdown how = SocketShutdown.Both)
    {
        try
        {
            socket.Shutdown(how);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already closed by the peer or by us.
        }
    }
}
