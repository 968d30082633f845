using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace Dlvx.Host.Session;

/// <summary>
/// Where start-up time goes, from the runtime's own counters: wall time per phase since the
/// process started, and how many methods the JIT compiled and for how long. Printed when
/// <c>DLVX_STARTUP_PROFILE=1</c>; the benchmark uses it to explain the start-time row.
/// </summary>
internal static class StartupProfile
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("DLVX_STARTUP_PROFILE") == "1";
    private static readonly List<(string Phase, double AtMilliseconds, long JittedMethods, double JitMilliseconds)> Marks = [];
    private static int reported;

    /// <summary>Records that <paramref name="phase"/> has just ended.</summary>
    public static void Mark(string phase)
    {
        if (!Enabled)
        {
            return;
        }

        var sinceStart = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;
        lock (Marks)
        {
            Marks.Add((phase, sinceStart, JitInfo.GetCompiledMethodCount(), JitInfo.GetCompilationTime().TotalMilliseconds));
        }
    }

    /// <summary>Prints one line per phase not printed yet, with its own share, then the totals so far.</summary>
    public static void Report()
    {
        if (!Enabled)
        {
            return;
        }

        var invariant = CultureInfo.InvariantCulture;
        var previous = (At: 0.0, Methods: 0L, Jit: 0.0);
        lock (Marks)
        {
            for (var i = 0; i < Marks.Count; i++)
            {
                var (phase, at, methods, jit) = Marks[i];
                if (i >= reported)
                {
                    Console.Error.WriteLine(string.Format(invariant, "dlvx: startup: {0,-34} {1,6:0} ms (+{2,4:0} ms; JIT +{3} methods, +{4:0} ms)", phase, at, at - previous.At, methods - previous.Methods, jit - previous.Jit));
                }

                previous = (at, methods, jit);
            }

            reported = Marks.Count;
            Console.Error.WriteLine(string.Format(invariant, "dlvx: startup: total {0:0} ms, of which JIT {1:0} ms for {2} methods; GC collections {3}", previous.At, previous.Jit, previous.Methods, GC.CollectionCount(0)));
        }
    }
}
