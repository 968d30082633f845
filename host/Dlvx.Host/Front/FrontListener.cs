using System.Net;
using System.Net.Sockets;
using Dlvx.PluginRuntime.Commands;
using Dlvx.PluginRuntime.Delve;
using Dlvx.Host.Dap;
using Dlvx.Host.JsonRpc;
using Microsoft.Extensions.Logging;

namespace Dlvx.Host.Front;

/// <summary>
/// The one front port. Like Delve's own listener it peeks at each connection's first byte:
/// <c>C</c> (DAP's <c>Content-Length</c>) starts a DAP session, anything else JSON-RPC. Each
/// session gets its own <see cref="BackendConnection"/> to Delve, opened only when the client first
/// sends something Delve must answer.
/// </summary>
internal sealed class FrontListener : IAsyncDisposable
{
    private readonly Socket listener;
    private readonly DelveEndpoint backend;
    private readonly ProxyServices services;
    private readonly ILogger logger;
    private readonly SameUserCheck? sameUser;
    private readonly CancellationTokenSource stopping = new();
    private readonly HashSet<Task> connections = [];
    private readonly ConnectionStatistics statistics = new();
    private Task? acceptLoop;

    public FrontListener(IPEndPoint endpoint, DelveEndpoint backend, CommandInvoker invoker, ProxyOptions options, ILogger logger)
    {
        sameUser = options.OnlySameUser && SameUserCheck.IsSupported ? new SameUserCheck() : null;
        this.backend = backend;
        this.logger = logger;
        services = new ProxyServices(invoker, options, statistics, logger);
        listener = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Bind(endpoint);
        listener.Listen(512);
    }

    /// <summary>The bound address (with the real port when 0 was asked for).</summary>
    public IPEndPoint LocalEndpoint => (IPEndPoint)listener.LocalEndPoint!;

    /// <summary>Client and Delve connection counts, for <c>Dlvx.Stats</c> and tests.</summary>
    public ConnectionStatistics Statistics => statistics;

    public void Start() => acceptLoop = AcceptLoopAsync(stopping.Token);

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Dispose();
        if (acceptLoop is not null)
        {
            await acceptLoop.ContinueWith(static _ => { }, TaskScheduler.Default);
        }

        Task[] open;
        lock (connections)
        {
            open = [.. connections];
        }

        await Task.WhenAll(open).WaitAsync(TimeSpan.FromSeconds(3)).ContinueWith(static _ => { }, TaskScheduler.Default);
        stopping.Dispose();
    }

    private async Task AcceptLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                // Per-connection accept failures (a client resetting early) must not stop the listener.
                logger.LogDebug("accept failed: {Message}", e.Message);
                continue;
            }

            if (sameUser is not null && !sameUser.IsAllowed(socket))
            {
                logger.LogWarning("refused a connection from {Peer}: it belongs to another user (see --only-same-user)", socket.RemoteEndPoint);
                socket.Dispose();
                continue;
            }

            socket.NoDelay = true;
            statistics.ClientAccepted();
            var task = ServeAsync(socket, cancellationToken);
            lock (connections)
            {
                connections.Add(task);
            }

            _ = task.ContinueWith(
                t =>
                {
                    lock (connections)
                    {
                        connections.Remove(t);
                    }
                },
                TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(Socket socket, CancellationToken cancellationToken)
    {
        try
        {
            using (socket)
            using (var delve = new BackendConnection(backend, statistics))
            {
                await ServeSniffedAsync(socket, delve, cancellationToken);
            }
        }
        finally
        {
            // Counted once both sockets are released: a finished client holds no Delve connection either.
            statistics.ClientFinished();
        }
    }

    private async Task ServeSniffedAsync(Socket socket, BackendConnection delve, CancellationToken cancellationToken)
    {
        try
        {
            // A blocking peek on its own thread: one async operation would switch the socket to
            // non-blocking mode for good, and the JSON-RPC pass-through relies on cheap blocking calls.
            var first = new byte[1];
            int peeked;
            await using (cancellationToken.Register(socket.Dispose))
            {
                peeked = await Task.Factory.StartNew(() => socket.Receive(first, SocketFlags.Peek), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            }

            if (peeked == 0)
            {
                return;
            }

            ProxyConnection connection = first[0] == (byte)'C'
                ? new DapProxyConnection(socket, delve, services)
                : new JsonRpcProxyConnection(socket, delve, services);
            await connection.RunAsync(cancellationToken);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client left or dlvx is stopping.
        }
        catch (Exception e)
        {
            // A bug in one connection must never take the listener or the session down.
            logger.LogError(e, "connection failed");
        }
    }
}
