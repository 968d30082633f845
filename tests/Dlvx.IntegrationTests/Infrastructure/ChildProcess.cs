using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Dlvx.IntegrationTests.Infrastructure;

/// <summary>
/// A process a test started: output collected line by line, waits with timeouts, and a stop that
/// sends SIGTERM to this process's own pid, then kills its tree by pid if it does not exit in time.
/// Each one gets its own empty <c>DLVX_HOME</c> (deleted when it is disposed) unless the test gives one,
/// so plugins installed in the developer's <c>~/.dlvx</c> never load into a test.
/// </summary>
internal sealed partial class ChildProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder stdout = new();
    private readonly StringBuilder stderr = new();
    private readonly List<(Regex Pattern, TaskCompletionSource<Match> Found)> waiters = [];
    private readonly TaskCompletionSource stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly string? ownHome;

    private ChildProcess(Process process, string? ownHome)
    {
        this.process = process;
        this.ownHome = ownHome;
    }

    public int Pid => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    public string StandardOutput
    {
        get
        {
            lock (stdout)
            {
                return stdout.ToString();
            }
        }
    }

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

    /// <param name="workingDirectory">Where it runs; this process's current folder by default.</param>
    /// <param name="environment">Variables to set for it (an empty value removes the variable).</param>
    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, string? standardInput = null, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        string? ownHome = null;
        if (environment is null || !environment.ContainsKey("DLVX_HOME"))
        {
            ownHome = Directory.CreateTempSubdirectory("dlvx-test-home-").FullName;
            start.Environment["DLVX_HOME"] = ownHome;
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            if (value.Length == 0)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var child = new ChildProcess(process, ownHome);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data, child.stdout, child.stdoutClosed, matchWaiters: true);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data, child.stderr, child.stderrClosed, matchWaiters: false);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (standardInput is not null)
        {
            process.StandardInput.Write(standardInput);
        }

        // EOF on stdin: the programs under test must never wait for a keyboard.
        process.StandardInput.Close();
        return child;
    }

    /// <summary>Waits for dlvx's <c>dlvx listening at: HOST:PORT</c> line and returns the address.</summary>
    /// <exception cref="TimeoutException">No such line in time, or the process exited first.</exception>
    public async Task<Endpoint> WaitForDlvxAddressAsync(TimeSpan timeout)
    {
        var match = await WaitForOutputAsync(DlvxListeningLine(), timeout);
        return new Endpoint(match.Groups["host"].Value, int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Waits for a stdout line matching <paramref name="pattern"/>.</summary>
    /// <exception cref="TimeoutException">No such line in time, or the process exited first; the message has its output.</exception>
    public async Task<Match> WaitForOutputAsync(Regex pattern, TimeSpan timeout)
    {
        var found = new TaskCompletionSource<Match>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (stdout)
        {
            foreach (var line in stdout.ToString().Split('\n'))
            {
                if (pattern.Match(line) is { Success: true } match)
                {
                    return match;
                }
            }

            waiters.Add((pattern, found));
        }

        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(found.Task, exited, Task.Delay(timeout));
        if (first == found.Task)
        {
            return await found.Task;
        }

        throw new TimeoutException(
            $"{Path.GetFileName(process.StartInfo.FileName)} {(first == exited ? "exited" : "did not print")} '{pattern}' within {timeout.TotalSeconds:0} s.\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}");
    }

    /// <summary>Waits for the process to exit and its output to be read; kills it (by pid) at the timeout.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
            await Task.WhenAll(stdoutClosed.Task, stderrClosed.Task).WaitAsync(TimeSpan.FromSeconds(5));
            return process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            KillTree();
            throw new TimeoutException(
                $"{Path.GetFileName(process.StartInfo.FileName)} did not exit within {timeout.TotalSeconds:0} s (killed).\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}");
        }
    }

    /// <summary>SIGTERM to this pid, then kill its tree after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (process.HasExited)
        {
            return;
        }

        NativeSignals.Terminate(process.Id);
        using var cancel = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            KillTree();
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(static _ => { }, TaskScheduler.Default);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        process.Dispose();
        if (ownHome is not null)
        {
            try
            {
                Directory.Delete(ownHome, recursive: true);
            }
            catch (IOException)
            {
                // A leftover empty temp folder is harmless; failing the test for it would hide its result.
            }
        }
    }

    private void KillTree()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private void OnLine(string? line, StringBuilder into, TaskCompletionSource closed, bool matchWaiters)
    {
        if (line is null)
        {
            closed.TrySetResult();
            return;
        }

        lock (into)
        {
            into.Append(line).Append('\n');
            if (!matchWaiters)
            {
                return;
            }

            foreach (var waiter in waiters.ToList())
            {
                if (waiter.Pattern.Match(line) is { Success: true } match)
                {
                    waiter.Found.TrySetResult(match);
                    waiters.Remove(waiter);
                }
            }
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^dlvx listening at: (?<host>[^\s:]+):(?<port>\d+)$")]
    private static partial System.Text.RegularExpressions.Regex DlvxListeningLine();
}
