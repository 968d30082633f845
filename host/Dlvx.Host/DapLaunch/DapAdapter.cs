using System.Net;
using System.Net.Sockets;
using Dlvx.Host.Front;
using Dlvx.Host.Logging;
using Dlvx.Host.Session;
using Dlvx.PluginRuntime.Delve;
using Microsoft.Extensions.Logging;

namespace Dlvx.Host.DapLaunch;

/// <summary>
/// <c>dlvx dap</c>: what <c>dlv dap</c> is to an editor. It listens where the editor says (or dials the
/// editor with <c>--client-addr</c>), prints <c>DAP server listening at: ADDRESS</c> where dlv does,
/// serves one editor connection (<see cref="DapClientSession"/>) and exits when it ends.
/// </summary>
internal static class DapAdapter
{
    /// <summary>Serves one editor connection; returns the exit code.</summary>
    /// <exception cref="FormatException">The address cannot be used; the message is one line.</exception>
    public static async Task<int> RunAsync(DapAdapterSettings settings, DapLogDestination log, CancellationToken cancellationToken)
    {
        using var loggerFactory = StandardErrorLoggerProvider.CreateFactory(settings.Log ? LogLevel.Debug : LogLevel.Warning, settings.Log ? log.Log : null);
        var logger = loggerFactory.CreateLogger("dap");
        Socket client;
        try
        {
            client = settings.ClientAddress is { } address
                ? await DialAsync(address, cancellationToken)
                : await AcceptOneAsync(settings, log, logger, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return 0;
        }

        await using var session = new DapClientSession(client, settings, loggerFactory, settings.Log ? log.Log : null);
        DapSessionOutcome outcome;
        try
        {
            outcome = await session.RunAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            logger.LogDebug("stopped by a signal");
            return 0;
        }

        if (outcome == DapSessionOutcome.KeepServing && session.Launched is { } launched)
        {
            // Until dlvx is stopped (SIGINT, SIGTERM), or Delve goes.
            await launched.Delve.Exited.WaitAsync(cancellationToken).ContinueWith(static _ => { }, TaskScheduler.Default);
        }

        return 0;
    }

    private static async Task<Socket> DialAsync(string address, CancellationToken cancellationToken)
    {
        var endpoint = DelveEndpoint.Parse(address);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint.Host, endpoint.Port, cancellationToken);
            return socket;
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new FormatException($"--client-addr={address}: cannot reach the DAP client there: {e.Message}", e);
        }
    }

    // dlv dap serves one client: the listener closes once it has one.
    private static async Task<Socket> AcceptOneAsync(DapAdapterSettings settings, DapLogDestination log, ILogger logger, CancellationToken cancellationToken)
    {
        if (settings.Listen.StartsWith("unix:", StringComparison.Ordinal))
        {
            throw new FormatException($"--listen={settings.Listen}: dlvx dap listens on TCP only; use HOST:PORT");
        }

        var endpoint = ListenAddress.Parse(settings.Listen, settings.AllowNonLoopback);
        using var listener = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(endpoint);
            listener.Listen(1);
        }
        catch (SocketException e)
        {
            throw new FormatException($"cannot listen on {settings.Listen}: {e.Message}", e);
        }

        if (!IPAddress.IsLoopback(endpoint.Address))
        {
            // Delve's words for the same choice.
            Console.Error.WriteLine("Warning: listening for remote connections (connections are not authenticated nor encrypted)");
        }

        var bound = (IPEndPoint)listener.LocalEndPoint!;
        log.WriteListening(new DelveEndpoint(bound.Address.ToString(), bound.Port).ToString());
        var sameUser = settings.OnlySameUser && SameUserCheck.IsSupported ? new SameUserCheck() : null;
        while (true)
        {
            var client = await listener.AcceptAsync(cancellationToken);
            if (sameUser is null || sameUser.IsAllowed(client))
            {
                client.NoDelay = true;
                logger.LogDebug("editor connected from {Peer}", client.RemoteEndPoint);
                return client;
            }

            logger.LogWarning("refused a connection from {Peer}: it belongs to another user (see --only-same-user)", client.RemoteEndPoint);
            client.Dispose();
        }
    }
}
