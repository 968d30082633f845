using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Dlvx.Bench;

/// <summary>A dlv or dlvx process started for a measurement, stopped by its own pid.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly List<string> stderr = [];

    private ServerProcess(Process process) => this.process = process;

    /// <summary>Whether to stop with SIGTERM (dlvx) rather than killing the tree (plain dlv).</summary>
    public bool Graceful { get; init; } = true;

    public int Pid => process.Id;

    public string Address { get; private set; } = "";

    public TimeSpan StartTime { get; private set; }

    public IReadOnlyList<string> StandardError
    {
        get
        {
            lock (stderr)
            {
                return [.. stderr];
            }
        }
    }

    /// <summary>Starts <paramref name="file"/> and waits for the stdout line matching <paramref name="ready"/> (group "addr").</summary>
    public static async Task<ServerProcess> StartAsync(string file, IEnumerable<string> arguments, Regex ready, IDictionary<string, string>? environment, bool graceful, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var watch = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        var server = new ServerProcess(process) { Graceful = graceful };
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null && ready.Match(e.Data) is { Success: true } match)
            {
                listening.TrySetResult(match.Groups["addr"].Value);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (server.stderr)
                {
                    server.stderr.Add(e.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            server.Address = await listening.Task.WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
            server.StartTime = watch.Elapsed;
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw new InvalidOperationException($"{file} did not start: {string.Join("\n", server.StandardError)}");
        }
    }

    /// <summary>CPU time all the process's threads have used so far, in nanoseconds (schedstat).</summary>
    public (long CpuNanoseconds, long Timeslices) SchedulerTotals()
    {
        long cpu = 0;
        long timeslices = 0;
        foreach (var task in Directory.EnumerateDirectories($"/proc/{process.Id}/task"))
        {
            try
            {
                // schedstat: time on CPU (ns), time waiting to run (ns), timeslices run (one per wake-up or preemption).
                var fields = File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ');
                cpu += long.Parse(fields[0], System.Globalization.CultureInfo.InvariantCulture);
                timeslices += long.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The thread ended between listing and reading.
            }
        }

        return (cpu, timeslices);
    }

    /// <summary>Runs <paramref name="call"/> while sampling VmRSS every 5 ms: its result and the peak.</summary>
    public async Task<(T Result, long PeakResidentBytes)> PeakResidentDuringAsync<T>(Func<Task<T>> call)
    {
        long peak = ResidentBytes();
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, ResidentBytes());
                await Task.Delay(5, CancellationToken.None);
            }
        });
        var result = await call();
        await sampling.CancelAsync();
        await sampler;
        return (result, peak);
    }

    /// <summary>Resident set size now, in bytes.</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited && !Graceful)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        if (!process.HasExited)
        {
            // SIGTERM first so dlvx stops its own dlv and target; then make sure.
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        process.Dispose();
    }
}
