using System.Diagnostics;
using System.Globalization;

namespace Dlvx.IntegrationTests.Infrastructure;

/// <summary>
/// A fact that needs rr to work here: installed, able to record /bin/true (its CPU known, performance
/// counters usable), and perf_event_paranoid at 1 or lower, which Delve requires for rr. Elsewhere the
/// test is reported as skipped with rr's own reason.
/// </summary>
internal sealed class RrFactAttribute : FactAttribute
{
    public RrFactAttribute()
    {
        Skip = Reason();
    }

    private static string? Reason()
    {
        var rr = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Select(f => Path.Combine(f, "rr")).FirstOrDefault(File.Exists);
        if (rr is null)
        {
            return "rr is not installed (apt-get install -y rr)";
        }

        var scratch = Directory.CreateTempSubdirectory("dlvx-rr-fact-").FullName;
        try
        {
            var start = new ProcessStartInfo(rr, ["record", "/bin/true"]) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            start.Environment["_RR_TRACE_DIR"] = scratch;
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill(entireProcessTree: true);
                return "rr record /bin/true did not finish within 60 s";
            }

            if (process.ExitCode != 0)
            {
                var lines = stderr.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                return $"rr cannot record here: {lines.FirstOrDefault(l => l.Contains("[FATAL", StringComparison.Ordinal)) ?? lines.LastOrDefault() ?? $"exit code {process.ExitCode}"}";
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }

        var paranoid = File.Exists("/proc/sys/kernel/perf_event_paranoid") ? int.Parse(File.ReadAllText("/proc/sys/kernel/perf_event_paranoid").Trim(), CultureInfo.InvariantCulture) : 0;
        return paranoid > 1 ? $"perf_event_paranoid is {paranoid}, and Delve refuses rr above 1" : null;
    }
}
