using System.Net;
using System.Net.Sockets;

namespace Dlvx.Host.Tests;

/// <summary>Two connected loopback sockets.</summary>
internal sealed class SocketPair : IDisposable
{
    private SocketPair(Socket writer, Socket reader)
    {
        Writer = writer;
        Reader = reader;
    }

    public Socket Writer { get; }

    public Socket Reader { get; }

    /// <param name="address">The loopback address to connect over; 127.0.0.1 by default.</param>
    public static async Task<SocketPair> CreateAsync(IPAddress? address = null)
    {
        address ??= IPAddress.Loopback;
        using var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(address, 0));
        listener.Listen(1);
        var writer = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var accept = listener.AcceptAsync(timeout.Token).AsTask();
        await writer.ConnectAsync(listener.LocalEndPoint!, timeout.Token);
        return new SocketPair(writer, await accept);
    }

    public void Dispose()
    {
        Writer.Dispose();
        Reader.Dispose();
    }
}
