using System.Text.Json;

namespace Dlvx.Plugins.HeapStats.Tests;

/// <summary>Compares heap-stats' JSON with the program's own MemStats: every counter exactly, the float to 1e-9.</summary>
internal static class MemStatsAssert
{
    public static readonly string[] Counters =
    [
        "Alloc", "TotalAlloc", "Sys", "Mallocs", "Frees", "HeapAlloc", "HeapSys", "HeapIdle", "HeapInuse", "HeapReleased",
        "HeapObjects", "StackInuse", "StackSys", "MSpanInuse", "MSpanSys", "MCacheInuse", "MCacheSys", "BuckHashSys",
        "GCSys", "OtherSys", "NextGC", "LastGC", "PauseTotalNs", "NumGC", "NumForcedGC",
    ];

    /// <param name="expected">The program's MemStats.</param>
    /// <param name="actual">heap-stats' data.</param>
    /// <param name="except">Counters to leave out of the exact comparison.</param>
    public static void Equal(GoMemStats expected, JsonElement actual, params string[] except)
    {
        var mismatches = Counters
            .Where(name => !except.Contains(name))
            .Where(name => expected.UInt64(name) != actual.GetProperty(name).GetUInt64())
            .Select(name => $"{name}: program {expected.UInt64(name)}, heap-stats {actual.GetProperty(name).GetUInt64()}")
            .ToList();
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
        Assert.Equal(expected.Float64("GCCPUFraction"), actual.GetProperty("GCCPUFraction").GetDouble(), 1e-9);

        // Go's MemStats.BySize keeps the first 61 of the runtime's 68 classes; heap-stats reports all of them.
        var bySize = actual.GetProperty("BySize").EnumerateArray().ToList();
        var expectedBySize = expected.BySize();
        Assert.True(bySize.Count >= expectedBySize.Count, $"BySize has {bySize.Count} classes, the program {expectedBySize.Count}");
        for (var i = 0; i < expectedBySize.Count; i++)
        {
            Assert.Equal(expectedBySize[i], (bySize[i].GetProperty("Size").GetUInt64(), bySize[i].GetProperty("Mallocs").GetUInt64(), bySize[i].GetProperty("Frees").GetUInt64()));
        }
    }
}
