using Dlvx.PluginRuntime.Commands;
using Dlvx.PluginRuntime.Delve;
using Dlvx.PluginRuntime.Plugins;
using Dlvx.Sdk;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace Dlvx.Host.Isolation;

/// <summary>
/// The worker's side (<c>dlvx plugin-worker</c>): loads one plugin with its own Delve connection and
/// runs its commands for the host, which talks to it over stdin/stdout.
/// </summary>
internal sealed class PluginWorkerServer
{
    private readonly CommandInvoker invoker;

    private PluginWorkerServer(CommandInvoker invoker) => this.invoker = invoker;

    public static async Task<int> RunAsync(string assemblyPath, DelveEndpoint backend, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // stdout carries the protocol: anything a plugin prints must not corrupt it.
        var protocolOut = Console.OpenStandardOutput();
        var protocolIn = Console.OpenStandardInput();
        Console.SetOut(Console.Error);

        using var loggerFactory = Logging.StandardErrorLoggerProvider.CreateFactory(LogLevel.Warning);
        await using var delve = new DelveClient(backend);
        await using var catalog = PluginCatalog.Load([assemblyPath], new PluginHostServices(delve, loggerFactory));
        if (catalog.Failures.Count > 0)
        {
            Console.Error.WriteLine($"plugin not loaded: {catalog.Failures[0]}");
            return 2;
        }

        var server = new PluginWorkerServer(new CommandInvoker(catalog, delve, loggerFactory.CreateLogger("worker"), timeout));
        using var rpc = new StreamJsonRpc.JsonRpc(new HeaderDelimitedMessageHandler(protocolOut, protocolIn, new SystemTextJsonFormatter()));
        rpc.AddLocalRpcMethod("invoke", new Func<string[], int, IProgress<CommandProgress>?, CancellationToken, Task<WorkerOutcome>>(server.InvokeAsync));
        rpc.StartListening();
        await rpc.Completion.WaitAsync(cancellationToken).ContinueWith(static _ => { }, TaskScheduler.Default);
        return 0;
    }

    private async Task<WorkerOutcome> InvokeAsync(string[] words, int client, IProgress<CommandProgress>? progress, CancellationToken cancellationToken) =>
        WorkerOutcome.From(await invoker.InvokeAsync(words, (ClientKind)client, progress, cancellationToken));
}
