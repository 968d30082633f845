using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Dlvx.PluginRuntime.Delve;

/// <summary>
/// A supervised <c>dlv --headless --accept-multiclient --api-version=2</c> on a private loopback port.
/// </summary>
/// <remarks>
/// Delve prints <c>API server listening at: ADDR</c> on stdout when ready; after that its stdout
/// carries the target's own output, which is passed to <see cref="TargetOutput"/>, and its stderr the
/// target's errors and Delve's warnings, passed to <see cref="TargetErrorOutput"/>.
/// Why this file is long (about 390 lines): the start, the listening line, the diagnosis of an early or
/// late exit and the stop sequence (halt, detach or kill, wait, kill) all share the process and its
/// output; split apart, each part would need that state handed to it.
/// </remarks>
internal sealed partial class DelveServerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder stderr = new();
    private readonly TaskCompletionSource<DelveEndpoint> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<int> exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // What dlv printed on stdout before listening: `dlv debug` reports a failed build there.
    private readonly Queue<string> earlyOutput = new();
    private int stopping;

    private DelveServerProcess(Process process, DelveLaunchOptions options)
    {
        this.process = process;
        Options = options;
    }

    /// <summary>Raised for each line the target (or Delve) writes to stdout after Delve is listening.</summary>
    public event Action<string>? TargetOutput;

    /// <summary>Raised for each line the target (or Delve) writes to stderr after Delve is listening.</summary>
    public event Action<string>? TargetErrorOutput;

    /// <summary>What Delve was started on.</summary>
    public DelveLaunchOptions Options { get; }

    /// <summary>Where Delve listens.</summary>
    public DelveEndpoint Endpoint => listening.Task.Result;

    /// <summary>Delve's process id.</summary>
    public int ProcessId => process.Id;

    /// <summary>Completes with Delve's exit code when it exits.</summary>
    public Task<int> Exited => exited.Task;

    /// <summary>Whether the stop was requested by us (so an exit is not a failure).</summary>
    public bool StopRequested => Volatile.Read(ref stopping) != 0;

    /// <summary>What Delve wrote to stderr so far.</summary>
    public string StandardError
    {
        get
        {
            lock (stderr)
            {
                return stderr.ToString();
            }
        }
    }

    /// <summary>Starts Delve and waits until it listens.</summary>
    /// <exception cref="DelveStartException">dlv is missing, refused the target, or did not start in time.</exception>
    public static async Task<DelveServerProcess> StartAsync(DelveLaunchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.CheckGoVersion)
        {
            var delve = await DelveTool.InspectAsync(options.DlvPath, cancellationToken);
            if (GoVersionCheck.Problem(delve, await GoVersionCheck.TargetGoVersionAsync(options, cancellationToken)) is { } problem)
            {
                throw new DelveStartException(problem);
            }
        }

        var start = new ProcessStartInfo(options.DlvPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = options.WorkingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var (name, value) in options.Environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        start.ArgumentList.Add(options.Mode switch
        {
            DelveLaunchMode.Exec => "exec",
            DelveLaunchMode.Debug => "debug",
            DelveLaunchMode.Attach => "attach",
            DelveLaunchMode.Core => "core",
            DelveLaunchMode.Replay => "replay",
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Mode, "unknown launch mode"),
        });
        foreach (var target in options.Targets)
        {
            start.ArgumentList.Add(target);
        }

        foreach (var flag in new[] { "--headless", "--accept-multiclient", "--api-version=2", "--listen=127.0.0.1:0" })
        {
            start.ArgumentList.Add(flag);
        }

        if (options.Continue && options.Mode is DelveLaunchMode.Exec or DelveLaunchMode.Debug or DelveLaunchMode.Attach)
        {
            start.ArgumentList.Add("--continue");
        }

        foreach (var flag in options.ExtraFlags)
        {
            start.ArgumentList.Add(flag);
        }

        if (options.ProgramArguments.Count > 0)
        {
            start.ArgumentList.Add("--");
            foreach (var argument in options.ProgramArguments)
            {
                start.ArgumentList.Add(argument);
            }
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new DelveStartException(
                $"cannot run '{options.DlvPath}': {e.Message}. Install Delve (Debian/Ubuntu: apt-get install -y delve; elsewhere: go install github.com/go-delve/delve/cmd/dlv@latest) or set DLVX_DLV to its path.", e);
        }

        var server = new DelveServerProcess(process, options);
        server.Watch();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.StartTimeout);
        try
        {
            await server.listening.Task.WaitAsync(timeout.Token);
            return server;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await server.DisposeAsync();
            throw new DelveStartException($"dlv did not start listening within {options.StartTimeout.TotalSeconds:0} s. {server.StandardError.Trim()}");
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Waits until Delve answers a request. Delve prints its listening line before it has a target: a
    /// replay (rr starting) or a launch can still fail after it, and Delve then exits with the reason on stderr.
    /// </summary>
    /// <exception cref="DelveStartException">Delve exited first (the message has its reason), or did not answer within <paramref name="timeout"/>.</exception>
    public async Task WaitUntilServingAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        await using var client = new DelveClient(Endpoint);
        var answered = client.GetVersionAsync(deadline.Token);
        var first = await Task.WhenAny(answered, exited.Task);
        if (first == answered && answered.IsCompletedSuccessfully)
        {
            return;
        }

        if (exited.Task.IsCompleted || first == exited.Task)
        {
            throw new DelveStartException(DescribeLateExit());
        }

        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            await answered;
        }
        catch (Exception e) when (e is OperationCanceledException or Sdk.Delve.DelveException)
        {
            // Delve exiting closes the connection: prefer its own reason, if it came in the meantime.
            var gone = await Task.WhenAny(exited.Task, Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None)) == exited.Task;
            throw new DelveStartException(gone ? DescribeLateExit() : $"dlv did not answer within {timeout.TotalSeconds:0} s after it began listening. {StandardError.Trim()}", e);
        }
    }

    /// <summary>
    /// Stops Delve: halts a running target, detaches (leaving an attached target running) or kills the
    /// target Delve launched, then waits for dlv to exit, killing it if it does not.
    /// </summary>
    /// <param name="cancellationToken">Abandons the wait for dlv to exit.</param>
    /// <param name="killTarget">
    /// Whether to kill the target; by default a launched one is killed and an attached one left running.
    /// Delve always kills a target it launched, so false only matters for an attached one.
    /// </param>
    public async Task StopAsync(CancellationToken cancellationToken, bool? killTarget = null)
    {
        if (Interlocked.Exchange(ref stopping, 1) != 0 || exited.Task.IsCompleted)
        {
            await WaitOrKillAsync(cancellationToken);
            return;
        }

        if (listening.Task.IsCompletedSuccessfully)
        {
            try
            {
                await using var client = new DelveClient(Endpoint);
                using var detachTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                detachTimeout.CancelAfter(TimeSpan.FromSeconds(3));

                // Detach waits for a running target to stop: without a halt it would only time out,
                // and killing dlv then would leave an attached target with Delve's breakpoints in it.
                await HaltIfRunningAsync(client, detachTimeout.Token);

                // A core has no process; an attached one is left running, as Delve does on exit; rr's replay is ours to end.
                var kill = killTarget ?? Options.Mode is DelveLaunchMode.Exec or DelveLaunchMode.Debug or DelveLaunchMode.Replay;
                _ = client.CallAsync<object>("RPCServer.Detach", new { Kill = kill }, detachTimeout.Token);
                await exited.Task.WaitAsync(TimeSpan.FromSeconds(3), cancellationToken);
            }
            catch (Exception e) when (e is TimeoutException or OperationCanceledException or Sdk.Delve.DelveException)
            {
                // Fall through to killing dlv below.
            }
        }

        await WaitOrKillAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        Interlocked.Exchange(ref stopping, 1);
        await WaitOrKillAsync(CancellationToken.None, TimeSpan.Zero);
        process.Dispose();
    }

    private static async Task HaltIfRunningAsync(DelveClient client, CancellationToken cancellationToken)
    {
        try
        {
            if ((await client.GetStateAsync(nonBlocking: true, cancellationToken)).Running)
            {
                // Bounded here: the call itself ignores cancellation, and a DAP client's session
                // resumes a target that another client halted, so the halt may never be answered.
                await client.CommandAsync("halt", cancellationToken: cancellationToken).WaitAsync(cancellationToken);
            }
        }
        catch (Sdk.Delve.DelveException)
        {
            // The process has exited, or Delve cannot say: Detach copes with both.
        }
    }

    private async Task WaitOrKillAsync(CancellationToken cancellationToken, TimeSpan? grace = null)
    {
        try
        {
            await exited.Task.WaitAsync(grace ?? TimeSpan.FromSeconds(1), cancellationToken);
        }
        catch (TimeoutException)
        {
            try
            {
                // Our own dlv and, for exec/debug, the target it launched: nothing else.
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            await exited.Task.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ContinueWith(static _ => { }, TaskScheduler.Default);
        }
    }

    private void Watch()
    {
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            if (!listening.Task.IsCompleted)
            {
                var match = ListeningPattern().Match(e.Data);
                if (match.Success)
                {
                    listening.TrySetResult(DelveEndpoint.Parse(match.Groups["addr"].Value));
                    return;
                }

                lock (earlyOutput)
                {
                    earlyOutput.Enqueue(e.Data);
                    if (earlyOutput.Count > 20)
                    {
                        earlyOutput.Dequeue();
                    }
                }
            }

            TargetOutput?.Invoke(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }

            if (listening.Task.IsCompleted)
            {
                TargetErrorOutput?.Invoke(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Only now that both streams are being read: WaitForExit() waits for their end only once
        // reading has begun, and a dlv that fails at once can exit before this line (a handler
        // subscribed earlier ran without its stderr, and lost the reason). One that has already
        // exited raises no Exited for a late handler, hence the check.
        process.Exited += (_, _) => OnExited();
        if (process.HasExited)
        {
            OnExited();
        }
    }

    private void OnExited()
    {
        // Exited may fire before the output has drained; WaitForExit() waits for it.
        process.WaitForExit();
        listening.TrySetException(new DelveStartException(DescribeEarlyExit()));
        exited.TrySetResult(process.ExitCode);
    }

    private string DescribeEarlyExit()
    {
        var errors = StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var reason = errors.LastOrDefault(line => !line.StartsWith("API server", StringComparison.Ordinal)) ?? $"exit code {process.ExitCode}";
        if (reason.Contains("Version of Go is too", StringComparison.OrdinalIgnoreCase) || reason.Contains("go version", StringComparison.OrdinalIgnoreCase))
        {
            return $"Delve cannot debug this program: {reason} (Delve 1.20 supports Go 1.18 to 1.20; rebuild with a supported Go or upgrade Delve).";
        }

        // `dlv debug` ends a failed build with "exit status N" on stderr and the compiler's
        // messages on stdout: those are the reason.
        if (reason.StartsWith("exit status ", StringComparison.Ordinal))
        {
            lock (earlyOutput)
            {
                if (earlyOutput.Count > 0)
                {
                    return $"dlv exited before listening: {string.Join(Environment.NewLine, earlyOutput)} ({reason})";
                }
            }
        }

        return $"dlv exited before listening: {reason}";
    }

    private string DescribeLateExit()
    {
        var errors = StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var reason = errors.LastOrDefault(line => !line.StartsWith("API server", StringComparison.Ordinal)) ?? $"exit code {process.ExitCode}";
        return $"dlv exited before it had a target to serve: {reason}";
    }

    [GeneratedRegex(@"API server listening at: (?<addr>\S+)")]
    private static partial Regex ListeningPattern();
}
