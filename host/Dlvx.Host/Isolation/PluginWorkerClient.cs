using System.Diagnostics;
using Dlvx.PluginRuntime.Commands;
using Dlvx.PluginRuntime.Delve;
using Dlvx.PluginRuntime.Plugins;
using Dlvx.Sdk;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace Dlvx.Host.Isolation;

/// <summary>
/// The host's side of an out-of-process plugin: starts <c>dlvx plugin-worker</c> on first use,
/// talks to it with StreamJsonRpc over its stdin/stdout, and starts a fresh worker on the next call
/// after one dies or hangs.
/// </summary>
internal sealed class PluginWorkerClient : IPluginWorker
{
    private readonly string pluginName;
    private readonly string assemblyPath;
    private readonly DelveEndpoint backend;
    private readonly TimeSpan commandTimeout;
    private readonly ILogger logger;
    private readonly SemaphoreSlim startLock = new(1, 1);
    private Process? process;
    private StreamJsonRpc.JsonRpc? rpc;

    public PluginWorkerClient(string pluginName, string assemblyPath, DelveEndpoint backend, TimeSpan commandTimeout, ILogger logger)
    {
        this.pluginName = pluginName;
        this.assemblyPath = assemblyPath;
        this.backend = backend;
        this.commandTimeout = commandTimeout;
        this.logger = logger;
    }

    /// <summary>The current worker's process id, or null when none runs.</summary>
    public int? WorkerProcessId => process is { HasExited: false } p ? p.Id : null;

    public async Task<CommandOutcome> InvokeAsync(IReadOnlyList<string> words, ClientKind client, IProgress<CommandProgress>? progress, CancellationToken cancellationToken)
    {
        var name = words.Count > 0 ? words[0] : "";
        StreamJsonRpc.JsonRpc connection;
        Process worker;
        try
        {
            (connection, worker) = await EnsureStartedAsync(cancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or IOException)
        {
            return CommandOutcome.Failure(name, $"{name}: cannot start the worker process of plugin {pluginName}: {e.Message}");
        }

        // The worker enforces the command timeout itself; this margin only catches a worker that hangs.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(commandTimeout + TimeSpan.FromSeconds(5));
        try
        {
            // StreamJsonRpc passes an IProgress argument across as $/progress notifications.
            var outcome = await connection.InvokeWithCancellationAsync<WorkerOutcome>("invoke", [words.ToArray(), (int)client, progress], timeout.Token);
            return outcome.ToOutcome();
        }
        catch (ConnectionLostException)
        {
            var code = await ExitCodeAsync(worker);
            await ResetAsync(worker);
            return CommandOutcome.Failure(name, $"{name}: plugin {pluginName} crashed in its worker process ({code}); the debug session is unaffected and the worker restarts on the next call");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await ResetAsync(worker);
            return CommandOutcome.Failure(name, $"{name}: the worker process of plugin {pluginName} did not answer within {commandTimeout.TotalSeconds + 5:0} s and was stopped; it restarts on the next call");
        }
        catch (RemoteInvocationException e)
        {
            return CommandOutcome.Failure(name, $"{name}: plugin {pluginName} worker error: {e.Message}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (process is { } worker)
        {
            await ResetAsync(worker);
        }

        startLock.Dispose();
    }

    private static async Task<string> ExitCodeAsync(Process worker)
    {
        try
        {
            await worker.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(2));
            // .NET reports a process killed by signal N as exit code 128 + N, as shells do.
            return worker.ExitCode > 128 ? $"exit code {worker.ExitCode}, signal {worker.ExitCode - 128}" : $"exit code {worker.ExitCode}";
        }
        catch (TimeoutException)
        {
            return "connection lost";
        }
    }

    private async Task<(StreamJsonRpc.JsonRpc Rpc, Process Process)> EnsureStartedAsync(CancellationToken cancellationToken)
    {
        await startLock.WaitAsync(cancellationToken);
        try
        {
            if (rpc is { Completion.IsCompleted: false } && process is { HasExited: false })
            {
                return (rpc, process);
            }

            var start = WorkerStartInfo();
            var worker = Process.Start(start) ?? throw new InvalidOperationException("Process.Start returned nothing");
            worker.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    Console.Error.WriteLine($"[{pluginName} worker] {e.Data}");
                }
            };
            worker.BeginErrorReadLine();
            var handler = new HeaderDelimitedMessageHandler(worker.StandardInput.BaseStream, worker.StandardOutput.BaseStream, new SystemTextJsonFormatter());
            var connection = new StreamJsonRpc.JsonRpc(handler);
            connection.StartListening();
            process = worker;
            rpc = connection;
            logger.LogInformation("started worker {Pid} for plugin {Plugin}", worker.Id, pluginName);
            return (connection, worker);
        }
        finally
        {
            startLock.Release();
        }
    }

    private ProcessStartInfo WorkerStartInfo()
    {
        // The worker is dlvx itself, run the same way this process was (apphost or `dotnet dlvx.dll`).
        var processPath = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(processPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(processPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(PluginWorkerClient).Assembly.Location);
        }

        foreach (var argument in new[] { "plugin-worker", "--plugin", assemblyPath, "--backend", backend.ToString(), "--command-timeout", commandTimeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private async Task ResetAsync(Process worker)
    {
        await startLock.WaitAsync();
        try
        {
            rpc?.Dispose();
            rpc = null;
            try
            {
                if (!worker.HasExited)
                {
                    worker.Kill(entireProcessTree: true);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            await worker.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(static _ => { }, TaskScheduler.Default);
            worker.Dispose();
            if (ReferenceEquals(process, worker))
            {
                process = null;
            }
        }
        finally
        {
            startLock.Release();
        }
    }
}
