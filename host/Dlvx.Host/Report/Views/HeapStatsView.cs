using System.Text;
using System.Text.Json;
using Dlvx.Host.Report.Svg;

namespace Dlvx.Host.Report.Views;

/// <summary>heap-stats: the key MemStats figures, and what Sys is made of as a proportional strip.</summary>
internal sealed class HeapStatsView : ISectionView
{
    public void Render(JsonElement data, StringBuilder html)
    {
        ulong Get(string name) => data.UInt64(name);
        Html.Facts(html,
        [
            ("HeapAlloc", $"{Html.Bytes(Get("HeapAlloc"))} in {Html.Count((long)Get("HeapObjects"))} objects"),
            ("HeapInuse / HeapSys", $"{Html.Bytes(Get("HeapInuse"))} / {Html.Bytes(Get("HeapSys"))}"),
            ("HeapIdle (released)", $"{Html.Bytes(Get("HeapIdle"))} ({Html.Bytes(Get("HeapReleased"))})"),
            ("StackInuse / StackSys", $"{Html.Bytes(Get("StackInuse"))} / {Html.Bytes(Get("StackSys"))}"),
            ("TotalAlloc", $"{Html.Bytes(Get("TotalAlloc"))} in {Html.Count((long)Get("Mallocs"))} mallocs, {Html.Count((long)Get("Frees"))} frees"),
            ("Sys", Html.Bytes(Get("Sys"))),
            ("NumGC", $"{Html.Count((long)Get("NumGC"))} ({Html.Count((long)Get("NumForcedGC"))} forced)"),
            ("NextGC", Html.Bytes(Get("NextGC"))),
        ]);

        // Sys is the sum of these parts (runtime.ReadMemStats).
        var parts = new (string Label, ulong Bytes)[]
        {
            ("heap in use", Get("HeapInuse")),
            ("heap idle", Get("HeapIdle") - Get("HeapReleased")),
            ("heap released", Get("HeapReleased")),
            ("stacks", Get("StackSys")),
            ("spans", Get("MSpanSys")),
            ("mcaches", Get("MCacheSys")),
            ("profile buckets", Get("BuckHashSys")),
            ("GC metadata", Get("GCSys")),
            ("other", Get("OtherSys")),
        };
        var segments = parts.Select((p, i) => new ChartBar(p.Label, p.Bytes, Html.Bytes(p.Bytes), Palette.Series[i % Palette.Series.Count], $"{p.Label}: {Html.Bytes(p.Bytes)}")).ToList();
        html.Append("<h3>What Sys is made of</h3>");
        SvgStrip.Render(html, segments, $"Sys {Html.Bytes(Get("Sys"))} by part");
        SvgStrip.Legend(html, segments);
    }
}
