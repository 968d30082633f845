using System.Net.Sockets;
using Dlvx.Hosting.Delve;

namespace Dlvx.Host.Front;

/// <summary>
/// A front connection's own connection to Delve, opened only when the client's first request that
/// Delve must answer arrives. Clients that send nothing, garbage or only plugin commands never
/// cost Delve a connection: thousands of connections opened and dropped stay on dlvx's side.
/// </summary>
internal sealed class BackendConnection(DelveEndpoint endpoint, ProxyOptions options, Func<Socket, Task> startPump) : IDisposable
{
    private readonly TaskCompletionSource<Task> pump = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock gate = new();
    private Socket? socket;
    private bool disposed;

    /// <summary>The address Delve listens on, for messages.</summary>
    public DelveEndpoint Endpoint => endpoint;

    /// <summary>Whether the connection to Delve has been opened.</summary>
    public bool IsOpen => socket is not null;

    /// <summary>Completes when the pump of Delve's messages ends; never, while the connection is not open.</summary>
    public Task PumpCompletion => pump.Task.Unwrap();

    /// <summary>The connected socket, opened with a blocking connect the first time (the socket stays in blocking mode).</summary>
    /// <exception cref="SocketException">Delve cannot be reached.</exception>
    /// <exception cref="ObjectDisposedException">The front connection is closing.</exception>
    public Socket Open()
    {
        if (socket is { } open)
        {
            return open;
        }

        var connecting = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            connecting.Connect(endpoint.Host, endpoint.Port);
        }
        catch
        {
            connecting.Dispose();
            throw;
        }

        return Started(connecting);
    }

    /// <summary>The connected socket, opened asynchronously the first time.</summary>
    /// <exception cref="SocketException">Delve cannot be reached.</exception>
    /// <exception cref="ObjectDisposedException">The front connection is closing.</exception>
    public async ValueTask<Socket> OpenAsync(CancellationToken cancellationToken)
    {
        if (socket is { } open)
        {
            return open;
        }

        var connecting = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await connecting.ConnectAsync(endpoint.Host, endpoint.Port, cancellationToken);
        }
        catch
        {
            connecting.Dispose();
            throw;
        }

        return Started(connecting);
    }

    /// <summary>Closes the connection to Delve, if it was opened.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            if (socket is not null)
            {
                SocketClose.Quietly(socket);
                socket.Dispose();
            }
        }

        pump.TrySetResult(Task.CompletedTask);
    }

    private Socket Started(Socket connected)
    {
        lock (gate)
        {
            if (disposed)
            {
                connected.Dispose();
                throw new ObjectDisposedException(nameof(BackendConnection));
            }

            socket = connected;
        }

        options.BackendConnections.Increment();
        pump.TrySetResult(startPump(connected));
        return connected;
    }
}
