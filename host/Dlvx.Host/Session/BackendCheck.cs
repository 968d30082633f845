using Dlvx.PluginRuntime.Delve;
using Dlvx.Sdk.Delve;

namespace Dlvx.Host.Session;

/// <summary>Checks that a Delve server dlvx did not start can be fronted, before anything fails later.</summary>
internal static class BackendCheck
{
    /// <summary>Returns null when the backend is usable, else one line saying what is wrong and how to fix it.</summary>
    public static async Task<string?> ProblemAsync(DelveEndpoint backend, CancellationToken cancellationToken)
    {
        const string restart = "restart it as: dlv exec|debug|attach ... --headless --accept-multiclient --api-version=2 --listen=127.0.0.1:PORT";
        await using var client = new DelveClient(backend);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            var version = await client.GetVersionAsync(timeout.Token);
            if (version.ApiVersion != 2)
            {
                return $"the Delve server at {backend} speaks API v{version.ApiVersion}; dlvx needs API v2: {restart}";
            }

            var multiclient = await client.CallAsync<MulticlientAnswer>("RPCServer.IsMulticlient", new { }, timeout.Token);
            if (!multiclient.IsMulticlient)
            {
                return $"the Delve server at {backend} was started without --accept-multiclient, so it serves one client and exits when it leaves (this check may have ended it); {restart}";
            }

            return null;
        }
        catch (DelveConnectionException e)
        {
            return $"{e.Message}. Is a Delve server running there? Start one with: dlv exec ./prog --headless --accept-multiclient --api-version=2 --listen=127.0.0.1:PORT";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"the server at {backend} did not answer Delve's GetVersion within 10 s; is it a Delve JSON-RPC server? {restart}";
        }
        catch (DelveException e)
        {
            return $"the server at {backend} is not a usable Delve server: {e.Message}";
        }
    }

    private sealed class MulticlientAnswer
    {
        public bool IsMulticlient { get; set; }
    }
}
