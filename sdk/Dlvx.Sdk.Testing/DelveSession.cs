using Dlvx.PluginRuntime.Delve;
using Dlvx.Sdk.Delve;

namespace Dlvx.Sdk.Testing;

/// <summary>
/// A real <c>dlv --headless</c> on a test program, with a client connected. Dispose it to stop dlv and the target.
/// </summary>
/// <example>
/// <code>
/// await using var session = await DelveSession.StartAsync(await GoProgram.BuildAsync("testdata/leaky"), stopAt: "main.stop");
/// var runner = CommandRunner.ForAssembly(typeof(MyCommand).Assembly, session.Delve);
/// var result = await runner.RunAsync("my-command -top 3");
/// </code>
/// </example>
public sealed class DelveSession : IAsyncDisposable
{
    private readonly DelveServerProcess server;
    private readonly DelveClient client;

    private DelveSession(DelveServerProcess server, DelveClient client)
    {
        this.server = server;
        this.client = client;
    }

    /// <summary>A client of the session's Delve.</summary>
    public IDelveClient Delve => client;

    /// <summary>Where Delve listens, as <c>HOST:PORT</c>.</summary>
    public string Address => server.Endpoint.ToString();

    /// <summary>
    /// How many requests <see cref="Delve"/> has sent so far: for tests that check how much a command
    /// asks of Delve, or that it stops asking once cancelled.
    /// </summary>
    public long DelveRequestCount => client.RequestCount;

    /// <summary>Delve's process id.</summary>
    public int DelveProcessId => server.ProcessId;

    /// <summary>What the target printed so far.</summary>
    public IReadOnlyList<string> TargetOutput => output.ToArray();

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> output = new();

    /// <summary>Starts Delve on <paramref name="binary"/> and, if <paramref name="stopAt"/> is given, runs to that location.</summary>
    /// <param name="binary">A Go binary built with debug information (see <see cref="GoProgram.BuildAsync"/>).</param>
    /// <param name="stopAt">A function name or <c>file:line</c> to run to, or null to stay at entry.</param>
    /// <param name="programArguments">Arguments for the program.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="FileNotFoundException"><paramref name="binary"/> does not exist.</exception>
    /// <exception cref="InvalidOperationException">
    /// dlv cannot be run, cannot debug the Go release that built the program, or did not start
    /// listening (the message says which, with dlv's output); or <paramref name="stopAt"/> was not
    /// reached (see <see cref="ContinueToAsync"/>). Delve and the target are stopped before this is thrown.
    /// </exception>
    public static async Task<DelveSession> StartAsync(string binary, string? stopAt = null, IEnumerable<string>? programArguments = null, CancellationToken cancellationToken = default)
    {
        // dlv exec prints its listening line before it tries the binary, so a missing one would give a
        // session whose Delve has already exited: refuse it here, with the path.
        if (!File.Exists(binary))
        {
            throw new FileNotFoundException($"the program to debug does not exist: {binary}", binary);
        }

        DelveServerProcess server;
        try
        {
            server = await DelveServerProcess.StartAsync(
                new DelveLaunchOptions { Mode = DelveLaunchMode.Exec, Targets = [binary], ProgramArguments = programArguments?.ToArray() ?? [] },
                cancellationToken);
        }
        catch (DelveStartException e)
        {
            // The runtime's exception types are not part of the kit's API.
            throw new InvalidOperationException(e.Message, e);
        }

        var session = new DelveSession(server, new DelveClient(server.Endpoint));
        server.TargetOutput += session.output.Enqueue;
        try
        {
            if (stopAt is not null)
            {
                await session.ContinueToAsync(stopAt, cancellationToken);
            }

            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Sets a breakpoint at <paramref name="location"/> (once) and continues until the target stops there.
    /// A stop anywhere else (another breakpoint, a panic, a halt) is an error, so a test never goes on
    /// from a place it did not mean to be.
    /// </summary>
    /// <returns>The state at the stop: a thread of it is at the breakpoint for <paramref name="location"/>.</returns>
    /// <exception cref="InvalidOperationException">
    /// Delve cannot find <paramref name="location"/>, the target stopped elsewhere (the message says where), or it exited.
    /// </exception>
    public async Task<DebuggerState> ContinueToAsync(string location, CancellationToken cancellationToken = default)
    {
        var existing = await client.ListBreakpointsAsync(cancellationToken: cancellationToken);
        var breakpoint = existing.FirstOrDefault(b => b.FunctionName == location || $"{Path.GetFileName(b.File)}:{b.Line}" == location);
        if (breakpoint is null)
        {
            IReadOnlyList<Location> found;
            try
            {
                found = await client.FindLocationAsync(location, cancellationToken: cancellationToken);
            }
            catch (DelveException e)
            {
                throw new InvalidOperationException($"location {location} not found: {e.Message}", e);
            }

            if (found.Count == 0)
            {
                throw new InvalidOperationException($"location {location} not found");
            }

            breakpoint = await client.CreateBreakpointAsync(new Breakpoint { Addr = found[0].Pc, File = found[0].File, Line = found[0].Line }, cancellationToken);
        }

        var state = await client.CommandAsync(DebuggerCommands.Continue, cancellationToken: cancellationToken);
        if (state.Exited)
        {
            throw new InvalidOperationException($"the target exited with status {state.ExitStatus} before reaching {location}");
        }

        var atBreakpoint = state.CurrentThread?.Breakpoint?.Id == breakpoint.Id
            || (state.Threads ?? []).Any(t => t.Breakpoint?.Id == breakpoint.Id);
        if (!atBreakpoint)
        {
            var here = state.CurrentThread is { } thread
                ? $"{thread.Function?.Name ?? "?"} {Path.GetFileName(thread.File)}:{thread.Line}{(thread.Breakpoint is { } other ? $" (breakpoint {other.Id}{(other.Name.Length > 0 ? " " + other.Name : "")})" : "")}"
                : "an unknown location";
            throw new InvalidOperationException($"the target stopped at {here} instead of {location}");
        }

        return state;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await client.DisposeAsync();
        await server.StopAsync(CancellationToken.None);
        await server.DisposeAsync();
    }
}
