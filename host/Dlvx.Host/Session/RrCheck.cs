using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Dlvx.PluginRuntime.Delve;

namespace Dlvx.Host.Session;

/// <summary>
/// Before <c>dlv replay</c> starts: is there a trace, and can rr replay it here? Delve finds out only
/// after it has printed its listening line, and then says "backend unavailable" or fails while dlvx
/// already serves. These checks say in one line why not, and what is needed: rr on PATH, an rr that
/// this Delve can drive, rr working on this CPU (rr's own reason, from recording /bin/true, which needs
/// what replaying needs), and the perf_event_paranoid setting Delve itself insists on.
/// </summary>
internal static partial class RrCheck
{
    // Delve 1.23.0 learned rr 5.7's new launch line ("gdbserial: fixes for rr 5.7.0", go-delve/delve#3718).
    private static readonly Version FirstDelveForNewRr = new(1, 23, 0);
    private static readonly Version FirstRrWithNewLaunchLine = new(5, 7, 0);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(60);

    /// <summary>One line saying why Delve cannot replay <paramref name="traceDirectory"/> here, or null when it can try.</summary>
    public static async Task<string?> ProblemAsync(string traceDirectory, string dlvPath, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(traceDirectory))
        {
            return File.Exists(traceDirectory)
                ? $"{traceDirectory} is a file; dlvx replay takes the trace directory rr record wrote (by default under ~/.local/share/rr)"
                : $"{traceDirectory}: no such trace directory (rr record writes them under ~/.local/share/rr, or $_RR_TRACE_DIR)";
        }

        if (!File.Exists(Path.Combine(traceDirectory, "version")))
        {
            return $"{traceDirectory} is not an rr trace (it has no 'version' file); record one with: rr record ./program";
        }

        var rr = DelveTool.Resolve("rr");
        if (rr is null)
        {
            return "rr is not installed, and dlv replay replays traces with it: install rr (Debian/Ubuntu: apt-get install -y rr) on a machine whose CPU rr supports, with hardware performance counters available";
        }

        var rrVersion = await RrVersionAsync(rr, cancellationToken);
        var delve = await DelveTool.InspectAsync(dlvPath, cancellationToken);
        if (rrVersion is not null && delve.Version is not null && rrVersion >= FirstRrWithNewLaunchLine && delve.Version < FirstDelveForNewRr)
        {
            return $"Delve {delve.Version} ({delve.Path}) cannot drive rr {rrVersion}: rr 5.7 changed the line that tells a debugger where to connect, which Delve reads from 1.23.0 on; use Delve 1.23 or newer (--dlv PATH) or rr 5.6";
        }

        if (await ProbeAsync(rr, cancellationToken) is { } reason)
        {
            return $"rr cannot run on this machine: {reason} (from rr record /bin/true; replaying needs the same: a CPU rr knows, with hardware performance counters it may use, also inside a VM or container)";
        }

        if (PerfEventParanoid() is > 1 and var paranoid)
        {
            return $"rr (and Delve, which checks first) needs /proc/sys/kernel/perf_event_paranoid at 1 or lower, and it is {paranoid}: as root, sysctl kernel.perf_event_paranoid=1";
        }

        return null;
    }

    private static int? PerfEventParanoid()
    {
        const string setting = "/proc/sys/kernel/perf_event_paranoid";
        try
        {
            return File.Exists(setting) && int.TryParse(File.ReadAllText(setting).Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static async Task<Version?> RrVersionAsync(string rr, CancellationToken cancellationToken)
    {
        var (code, output) = await RunAsync(rr, ["--version"], null, cancellationToken);
        return code == 0 && RrVersionPattern().Match(output) is { Success: true } match ? new Version(match.Groups[1].Value) : null;
    }

    // Recording /bin/true is the cheapest way to ask rr whether it works here; it answers with its own reason.
    private static async Task<string?> ProbeAsync(string rr, CancellationToken cancellationToken)
    {
        var scratch = Directory.CreateTempSubdirectory("dlvx-rr-probe-").FullName;
        try
        {
            var (code, output) = await RunAsync(rr, ["record", "/bin/true"], scratch, cancellationToken);
            if (code == 0)
            {
                return null;
            }

            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var reason = lines.FirstOrDefault(l => l.Contains("[FATAL", StringComparison.Ordinal) || l.Contains("[ERROR", StringComparison.Ordinal)) ?? lines.LastOrDefault() ?? $"exit code {code}";
            return RrLocationPrefix().Replace(reason, "").Trim();
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>Runs a command with rr's trace directory in <paramref name="traceRoot"/>, and returns its exit code and all its output.</summary>
    private static async Task<(int Code, string Output)> RunAsync(string program, IEnumerable<string> arguments, string? traceRoot, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (traceRoot is not null)
        {
            start.Environment["_RR_TRACE_DIR"] = traceRoot;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        }
        catch (Win32Exception e)
        {
            return (-1, e.Message);
        }

        using (process)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(ProbeTimeout);
            var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
            var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
            try
            {
                await process.WaitForExitAsync(deadline.Token);
                return (process.ExitCode, (await stdout) + (await stderr));
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                return (-1, $"{Path.GetFileName(program)} {string.Join(' ', start.ArgumentList)} did not finish within {ProbeTimeout.TotalSeconds:0} s");
            }
        }
    }

    [GeneratedRegex(@"rr version (\d+\.\d+\.\d+)")]
    private static partial Regex RrVersionPattern();

    // "[FATAL ./src/PerfCounters_x86.h:117:compute_cpu_microarch()] Intel CPU type 0xc06f0 unknown" -> the message.
    [GeneratedRegex(@"^\[(FATAL|ERROR)[^\]]*\]\s*")]
    private static partial Regex RrLocationPrefix();
}
