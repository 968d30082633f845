using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dlvx.Host.Front;
using Dlvx.Host.Session;
using Dlvx.PluginRuntime.Delve;
using Microsoft.Extensions.Logging;

namespace Dlvx.Host.DapLaunch;

/// <summary>
/// What a translated launch runs: the supervised Delve (<see cref="DelveServerProcess"/>), the dlvx
/// session in front of it (<see cref="DlvxServer"/>, the same as <c>dlvx exec</c> serves, on a private
/// loopback port), and the editor's connection to that session (<see cref="DapSessionRelay"/>).
/// The program's stdout and stderr become output events for the editor.
/// </summary>
internal sealed partial class LaunchedSession : IAsyncDisposable
{
    private int stopping;
    private int stopped;

    private LaunchedSession(DelveServerProcess delve, DlvxServer server, DapSessionRelay relay)
    {
        Delve = delve;
        Server = server;
        Relay = relay;
    }

    /// <summary>The supervised Delve.</summary>
    public DelveServerProcess Delve { get; }

    /// <summary>The session's dlvx server, whose front port other clients may join.</summary>
    public DlvxServer Server { get; }

    /// <summary>The editor's connection to the session.</summary>
    public DapSessionRelay Relay { get; }

    /// <summary>Whether the end of the editor's connection to the session is dlvx's doing (so it is no surprise).</summary>
    public bool EndExpected => Volatile.Read(ref stopping) != 0;

    /// <summary>Whether the program (or rr's replay of it) is the session's own, so stopping ends it, rather than attached to.</summary>
    private bool ProgramWasLaunched => Delve.Options.Mode is DelveLaunchMode.Exec or DelveLaunchMode.Debug or DelveLaunchMode.Replay;

    /// <summary>Starts Delve and the session in front of it, and connects to the session's front port.</summary>
    /// <exception cref="DelveStartException">Delve could not be started; the message is one line.</exception>
    public static async Task<LaunchedSession> StartAsync(
        DelveLaunchOptions options, SessionSettings settings, ILoggerFactory loggerFactory, ClientWriter editor, OutputEventQueue output, TextWriter? delveLog, CancellationToken cancellationToken)
    {
        var delve = await DelveServerProcess.StartAsync(options, cancellationToken);
        delve.TargetOutput += line => output.Add(line, "stdout");
        delve.TargetErrorOutput += line =>
        {
            // With --log, Delve's own log lines share its stderr with the program's: they belong in
            // the log, as dlv dap writes its log to --log-dest.
            if (delveLog is not null && DelveLogLine().IsMatch(line))
            {
                delveLog.WriteLine(line);
            }
            else
            {
                output.Add(line, "stderr");
            }
        };

        DlvxServer? server = null;
        try
        {
            server = DlvxServer.Start(settings, delve.Endpoint, delve, loggerFactory);
            var relay = await DapSessionRelay.ConnectAsync(server.Address, editor, settings.MaxMessageBytes, cancellationToken);
            return new LaunchedSession(delve, server, relay);
        }
        catch
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
            else
            {
                await delve.StopAsync(CancellationToken.None);
                await delve.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>
    /// Ends the debugging: Delve halts the program, kills it or detaches from it, and exits; returns
    /// once Delve has gone and nothing more comes from the session.
    /// </summary>
    /// <remarks>
    /// The halt goes through the editor's own DAP session. Delve's DAP session resumes a program that
    /// something else halted (another client, a log point), so a halt over JSON-RPC while the editor's
    /// session runs the program is undone at once, and a detach behind it would wait for good.
    /// </remarks>
    public async Task StopAsync(bool killTarget)
    {
        if (Interlocked.Exchange(ref stopped, 1) != 0)
        {
            return;
        }

        Interlocked.Exchange(ref stopping, 1);
        try
        {
            if (killTarget)
            {
                // Delve's own end of a session: halt, kill (or, attached, kill as asked), and exit.
                await Relay.RequestAsync("disconnect", new JsonObject { ["terminateDebuggee"] = true }, TimeSpan.FromSeconds(10));
                await Delve.Exited.WaitAsync(TimeSpan.FromSeconds(10));
            }
            else
            {
                // A multi-client Delve does not detach on a DAP disconnect: halt here, detach below.
                await Relay.RequestAsync("pause", new JsonObject { ["threadId"] = 1 }, TimeSpan.FromSeconds(10));
            }
        }
        catch (Exception e) when (e is TimeoutException or SocketException)
        {
            // Delve did not answer, or is gone: the stop below copes with both.
        }

        await Relay.DisposeAsync();
        await Delve.StopAsync(CancellationToken.None, killTarget);
    }

    /// <summary>
    /// Closes the editor's connection to the session and leaves Delve and the program running, served on
    /// the session's front port, until the session is disposed.
    /// </summary>
    public async Task ReleaseEditorAsync()
    {
        Interlocked.Exchange(ref stopping, 1);
        await Relay.DisposeAsync();
    }

    /// <summary>Stops what is still running (the program as Delve would on exit) and closes the session.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(ProgramWasLaunched);
        await Server.DisposeAsync();
    }

    // Delve's log format (pkg/logflags): an RFC 3339 time, the level, then layer=...
    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\S+ (debug|info|warning|error|fatal|panic) .*layer=")]
    private static partial Regex DelveLogLine();
}
