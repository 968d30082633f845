using System.Globalization;
using Dlvx.IntegrationTests.Infrastructure;

namespace Dlvx.Templates.Tests;

/// <summary>
/// A real <c>dlvx exec</c> of a Go program, started with the environment a test gives it (its own
/// <c>DLVX_HOME</c>, bundled plugin folder). Disposing it stops dlvx by its own pid, and dlvx stops
/// Delve and the target it launched.
/// </summary>
internal sealed class DlvxExecSession : IAsyncDisposable
{
    private const string ListeningPrefix = "dlvx listening at: ";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly ChildProcess process;

    private DlvxExecSession(ChildProcess process, Endpoint address)
    {
        this.process = process;
        Address = address;
    }

    /// <summary>The front port, from the line dlvx prints when it is ready.</summary>
    public Endpoint Address { get; }

    /// <summary>Everything dlvx printed so far, stdout and stderr interleaved.</summary>
    public string Output => process.Output;

    /// <summary>What dlvx printed on stdout alone so far.</summary>
    public string StandardOutput => process.StandardOutput;

    /// <param name="executable">The dlvx to run (the built one, or an installed tool).</param>
    /// <param name="program">The compiled Go program.</param>
    /// <param name="environment">Environment variables for dlvx, on top of this process's.</param>
    /// <param name="options">dlvx options after <c>exec PROGRAM --listen 127.0.0.1:0</c>.</param>
    public static Task<DlvxExecSession> StartAsync(string executable, string program, IReadOnlyDictionary<string, string> environment, params string[] options) =>
        StartWithArgumentsAsync(executable, ["exec", program, "--listen", "127.0.0.1:0", .. options], environment, null);

    /// <summary>Starts dlvx with any session command line (it must listen on a free port: <c>--listen 127.0.0.1:0</c>).</summary>
    public static async Task<DlvxExecSession> StartWithArgumentsAsync(string executable, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string? workingDirectory)
    {
        var process = ChildProcess.Start(executable, arguments, workingDirectory, environment: environment);
        try
        {
            var line = await process.WaitForLineAsync(l => l.StartsWith(ListeningPrefix, StringComparison.Ordinal), StartTimeout);
            var address = line[ListeningPrefix.Length..].Trim();
            var colon = address.LastIndexOf(':');
            return new DlvxExecSession(process, new Endpoint(address[..colon], int.Parse(address[(colon + 1)..], CultureInfo.InvariantCulture)));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public Task<JsonRpcLineClient> ConnectJsonRpcAsync(CancellationToken cancellationToken) =>
        JsonRpcLineClient.ConnectAsync(Address.Host, Address.Port, cancellationToken);

    /// <summary>Waits for a line of dlvx's output (stdout or stderr) that satisfies <paramref name="match"/>.</summary>
    public Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout) => process.WaitForLineAsync(match, timeout);

    public ValueTask DisposeAsync() => process.DisposeAsync();
}
