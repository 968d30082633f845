using System.Globalization;
using System.Text.RegularExpressions;

namespace Dlvx.IntegrationTests.Infrastructure;

/// <summary>A plain headless dlv started by a test (not through dlvx), stopped by its own pid.</summary>
internal sealed partial class DelveServer : IAsyncDisposable
{
    private readonly ChildProcess process;

    private readonly int apiVersion;

    private DelveServer(ChildProcess process, Endpoint address, int apiVersion)
    {
        this.process = process;
        Address = address;
        this.apiVersion = apiVersion;
    }

    public Endpoint Address { get; }

    public static async Task<DelveServer> StartAsync(string binary, int apiVersion, bool acceptMulticlient)
    {
        var arguments = new List<string> { "exec", binary, "--headless", "--listen=127.0.0.1:0", $"--api-version={apiVersion.ToString(CultureInfo.InvariantCulture)}" };
        if (acceptMulticlient)
        {
            arguments.Add("--accept-multiclient");
        }

        var process = ChildProcess.Start("dlv", arguments);
        try
        {
            var match = await process.WaitForOutputAsync(ListeningLine(), TimeSpan.FromSeconds(60));
            return new DelveServer(process, new Endpoint(match.Groups["host"].Value, int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture)), apiVersion);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Asks dlv to kill its target and exit (RPCServer.Detach, as dlvx does), then SIGTERM to dlv's
    /// pid if it is still there (dlv 1.20 then kills the target it launched), its tree killed by pid after 10 s.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited && apiVersion == 2)
        {
            try
            {
                using var client = await JsonRpcTestClient.ConnectAsync(Address);
                await client.SendAsync("RPCServer.Detach", new System.Text.Json.Nodes.JsonObject { ["Kill"] = true });
                await client.IsClosedByServerAsync(TimeSpan.FromSeconds(5));
                await process.WaitForExitAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or TimeoutException or OperationCanceledException or Xunit.Sdk.XunitException)
            {
                // Not answering (API v1, or already gone): fall back to the signal below.
            }
        }

        await process.DisposeAsync();
    }

    [GeneratedRegex(@"^API server listening at: (?<host>[^\s:]+):(?<port>\d+)$")]
    private static partial Regex ListeningLine();
}
