using System.Net.Sockets;
using Dlvx.PluginRuntime.Commands;
using Microsoft.Extensions.Logging;

namespace Dlvx.Host.Front;

/// <summary>
/// One client of the front port in front of its own connection to Delve: the lifecycle both
/// protocols share. Messages the client sends pass through to Delve, except those the connection
/// answers itself (plugin commands), which run beside the pass-through traffic. The connection to
/// Delve opens with the first message Delve must answer, so a client that sends nothing else never
/// reaches Delve. Every write to the client goes through one <see cref="ClientWriter"/>, so
/// messages from both sources arrive whole. Closing lets the answers in flight reach the client first.
/// </summary>
/// <remarks>
/// A protocol subclass reads and frames the client's messages (<see cref="PumpFromClientAsync"/>),
/// decides which to answer itself, and copies Delve's messages back (<see cref="PumpFromDelveAsync"/>).
/// </remarks>
internal abstract class ProxyConnection
{
    private readonly BackendConnection backend;
    private readonly InterceptedRequests intercepted = new();
    private readonly TaskCompletionSource delveClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationToken connectionToken;

    // Written only by the client pump, when the first message for Delve passes through.
    private Task? fromDelve;

    protected ProxyConnection(Socket client, BackendConnection backend, ProxyServices services)
    {
        Client = client;
        this.backend = backend;
        Services = services;
        Writer = new ClientWriter(client);
    }

    /// <summary>The client's socket.</summary>
    protected Socket Client { get; }

    /// <summary>The only way to write to the client.</summary>
    protected ClientWriter Writer { get; }

    /// <summary>What all connections share.</summary>
    protected ProxyServices Services { get; }

    /// <summary>Runs plugin commands.</summary>
    protected CommandInvoker Invoker => Services.Invoker;

    /// <summary>This client's connection to Delve, once opened.</summary>
    protected Socket? Delve { get; private set; }

    /// <summary>Serves the client until it or Delve goes away, or until <paramref name="stopping"/>.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        // Ends with the connection, and with dlvx: plugin commands running for this client stop then.
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        connectionToken = connection.Token;
        var fromClient = PumpFromClientAsync(connection.Token);
        await Task.WhenAny(delveClosed.Task, fromClient, Task.Delay(Timeout.Infinite, stopping));
        if (stopping.IsCancellationRequested)
        {
            // dlvx is stopping: read no new requests, but let Delve answer those in flight.
            SocketClose.Quietly(Client, SocketShutdown.Receive);
            if (Delve is not null)
            {
                await WaitForDelveAnswersAsync(delveClosed.Task);
            }
        }

        // Let answers to intercepted requests already running reach the client before closing.
        await intercepted.DrainAsync(TimeSpan.FromSeconds(2));
        await connection.CancelAsync();
        backend.Close();
        SocketClose.Quietly(Client);
        await fromClient.ContinueWith(static _ => { }, TaskScheduler.Default);

        // Read once the client pump has ended: it is the only writer, and it opens no connection after Close.
        if (fromDelve is { } pump)
        {
            await pump.ContinueWith(static _ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>Reads the client's messages until it closes; forwards or answers each.</summary>
    /// <param name="cancellationToken">Cancelled when the connection ends or dlvx stops.</param>
    protected abstract Task PumpFromClientAsync(CancellationToken cancellationToken);

    /// <summary>Copies Delve's messages to the client until Delve closes the connection.</summary>
    /// <param name="delve">The connection just opened.</param>
    /// <param name="cancellationToken">Cancelled when the connection ends or dlvx stops.</param>
    protected abstract Task PumpFromDelveAsync(Socket delve, CancellationToken cancellationToken);

    /// <summary>
    /// When dlvx stops: waits, briefly, for Delve to answer what was forwarded to it. What "in flight"
    /// means depends on the protocol.
    /// </summary>
    /// <param name="delveClosed">Completes when Delve closed the connection: nothing more will come.</param>
    protected abstract Task WaitForDelveAnswersAsync(Task delveClosed);

    /// <summary>
    /// Opens this client's connection to Delve with a blocking connect, which leaves the socket in
    /// blocking mode for the pass-through threads, and starts <see cref="PumpFromDelveAsync"/>.
    /// </summary>
    /// <param name="failure">Why Delve could not be reached, worded for the client.</param>
    /// <returns>The connection, or null when Delve cannot be reached.</returns>
    protected Socket? OpenDelve(out string failure)
    {
        try
        {
            failure = "";
            return Opened(backend.Connect());
        }
        catch (SocketException e)
        {
            failure = Unreachable(e);
            return null;
        }
    }

    /// <summary>Opens this client's connection to Delve asynchronously and starts <see cref="PumpFromDelveAsync"/>.</summary>
    /// <returns>The connection, or null and why (worded for the client) when Delve cannot be reached.</returns>
    protected async Task<(Socket? Delve, string Failure)> OpenDelveAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (Opened(await backend.ConnectAsync(cancellationToken)), "");
        }
        catch (SocketException e)
        {
            return (null, Unreachable(e));
        }
    }

    /// <summary>
    /// Runs an intercepted request beside the connection's other traffic: a slow plugin command
    /// must not hold up Delve's answers to this client. Closing the connection waits for these first.
    /// </summary>
    protected void RunBeside(Func<Task> work) => intercepted.Add(Task.Run(work, CancellationToken.None));

    private Socket Opened(Socket opened)
    {
        // Replies to intercepted requests may already be running: they and Delve's messages share
        // the writer, exactly as if the connection had been opened up front.
        Delve = opened;
        fromDelve = PumpFromDelveAsync(opened, connectionToken);
        _ = fromDelve.ContinueWith(_ => delveClosed.TrySetResult(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        return opened;
    }

    private string Unreachable(SocketException e)
    {
        Services.Logger.LogWarning("cannot reach Delve at {Backend}: {Message}", backend.Endpoint, e.Message);
        return $"dlvx: cannot reach Delve at {backend.Endpoint} ({e.Message}); closing the connection";
    }
}
