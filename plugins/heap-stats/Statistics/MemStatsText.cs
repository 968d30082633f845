using System.Globalization;
using System.Text;

namespace Dlvx.Plugins.HeapStats.Statistics;

/// <summary>The compact text of <c>heap-stats</c>: the figures people look at first, then the busiest size classes.</summary>
internal static class MemStatsText
{
    public static string Format(MemStats stats, int topSizeClasses)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Heap     {ByteSize.Format(stats.HeapAlloc)} in {Count(stats.HeapObjects)} objects; in use {ByteSize.Format(stats.HeapInuse)}, idle {ByteSize.Format(stats.HeapIdle)} ({ByteSize.Format(stats.HeapReleased)} released), sys {ByteSize.Format(stats.HeapSys)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Allocs   {ByteSize.Format(stats.TotalAlloc)} total in {Count(stats.Mallocs)} mallocs, {Count(stats.Frees)} frees");
        text.AppendLine(CultureInfo.InvariantCulture, $"Stacks   {ByteSize.Format(stats.StackInuse)} in use, sys {ByteSize.Format(stats.StackSys)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Runtime  mspan {ByteSize.Format(stats.MSpanInuse)}/{ByteSize.Format(stats.MSpanSys)}, mcache {ByteSize.Format(stats.MCacheInuse)}/{ByteSize.Format(stats.MCacheSys)}, GC {ByteSize.Format(stats.GCSys)}, buckhash {ByteSize.Format(stats.BuckHashSys)}, other {ByteSize.Format(stats.OtherSys)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Sys      {ByteSize.Format(stats.Sys)} obtained from the OS");
        var lastGc = stats.LastGC == 0 ? "never" : DateTimeOffset.FromUnixTimeMilliseconds((long)(stats.LastGC / 1_000_000)).ToString("yyyy-MM-dd HH:mm:ss.fff 'UTC'", CultureInfo.InvariantCulture);
        text.Append(CultureInfo.InvariantCulture, $"GC       {stats.NumGC} cycles ({stats.NumForcedGC} forced), last {lastGc}, pauses {FormatDuration(stats.PauseTotalNs)} total, CPU {stats.GCCPUFraction * 100:0.###}%, next at {ByteSize.Format(stats.NextGC)}");

        var busiest = stats.BySize.Where(c => c.Live > 0).OrderByDescending(c => c.Live * c.Size).ThenBy(c => c.Size).Take(topSizeClasses).ToList();
        if (topSizeClasses > 0 && busiest.Count > 0)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"Top {busiest.Count} size classes by live bytes:");
            text.Append("    size      live objects   live bytes    mallocs       frees");
            foreach (var sizeClass in busiest)
            {
                text.AppendLine();
                text.Append(CultureInfo.InvariantCulture, $"    {sizeClass.Size,6}  {Count(sizeClass.Live),15}  {ByteSize.Format(sizeClass.Live * sizeClass.Size),11}  {Count(sizeClass.Mallocs),10}  {Count(sizeClass.Frees),10}");
            }
        }

        return text.ToString();
    }

    public static string Count(ulong value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string FormatDuration(ulong nanoseconds) =>
        nanoseconds < 1_000_000 ? string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1000.0:0.#} µs")
        : nanoseconds < 1_000_000_000 ? string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1e6:0.##} ms")
        : string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1e9:0.##} s");
}
