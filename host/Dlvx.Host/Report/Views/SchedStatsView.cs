using System.Globalization;
using System.Text;
using System.Text.Json;
using Dlvx.Host.Report.Svg;

namespace Dlvx.Host.Report.Views;

/// <summary>sched-stats: schedtrace's line, the summary, goroutines by status, and the Ps and Ms.</summary>
internal sealed class SchedStatsView : ISectionView
{
    public void Render(JsonElement data, StringBuilder html)
    {
        html.Append(CultureInfo.InvariantCulture, $"<p><code>SCHED {Html.Encode(data.Text("SchedTrace"))}</code></p>");
        var world = data.Field("World");
        var gc = data.Field("Gc");
        var goroutines = data.Field("Goroutines");
        Html.Facts(html,
        [
            ("GOMAXPROCS", $"{data.Int64("GoMaxProcs")}{(data.Field("NumCpu").ValueKind == JsonValueKind.Number ? $" of {data.Int64("NumCpu")} CPUs" : "")}"),
            ("Idle Ps", data.Text("IdleProcs")),
            ("Threads (Ms)", $"{data.Int64("Threads")}: {data.Int64("IdleThreads")} idle, {data.Int64("SpinningThreads")} spinning"),
            ("Global run queue", data.Text("GlobalRunQueue")),
            ("NumGoroutine", $"{goroutines.Int64("NumGoroutine")} ({goroutines.Int64("System")} system goroutines besides)"),
            ("GC", $"{gc.Int64("Cycles")} cycles, phase {gc.Text("Phase")}"),
            ("World", world.Flag("Stopped") ? "stopped" : world.Flag("Stopping") ? $"stopping ({world.Int64("PsToStop")} Ps to go)" : "running"),
        ]);

        var statuses = goroutines.Field("ByStatus").EnumerateObject().ToList();
        html.Append("<h3>Goroutines by status</h3>");
        SvgBarChart.Render(html, [.. statuses.Select((s, i) => new ChartBar(s.Name, s.Value.GetInt32(), Html.Count(s.Value.GetInt32()), Palette.Series[i % Palette.Series.Count], $"{s.Value.GetInt32()} {s.Name}"))], "goroutines by status", "statuses");
        var reasons = goroutines.Field("ByWaitReason").EnumerateObject().Select(r => $"{r.Value.GetInt32()} {r.Name}").ToList();
        if (reasons.Count > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">Waiting: {Html.Encode(string.Join(", ", reasons))}</p>");
        }

        html.Append("<h3>Ps</h3>");
        Html.Table(html, ["#P", "status", "#run queue", "runnext", "#M", "#schedtick", "#syscalltick", "#free gs", "#timers"], data.Items("Processors").Select(p => (IReadOnlyList<string>)
        [
            p.Text("Id"), p.Text("Status"), p.Text("RunQueue"), p.Flag("RunNext") ? "yes" : "", p.OptionalNumber("M"), p.Text("SchedTick"), p.Text("SyscallTick"), p.Text("FreeGoroutines"), p.OptionalNumber("Timers"),
        ]));
        html.Append("<h3>Ms</h3>");
        Html.Table(html, ["#M", "#thread", "#P", "#goroutine", "spinning", "blocked", "#locked to"], data.Items("Machines").OrderBy(m => m.Int64("Id")).Select(m => (IReadOnlyList<string>)
        [
            m.Text("Id"), m.Text("ThreadId"), m.OptionalNumber("P"), m.OptionalNumber("CurrentGoroutine"), m.Flag("Spinning") ? "yes" : "", m.Flag("Blocked") ? "yes" : "", m.OptionalNumber("LockedGoroutine"),
        ]));
    }
}
