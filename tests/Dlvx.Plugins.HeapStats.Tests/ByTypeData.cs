using System.Text.Json;

namespace Dlvx.Plugins.HeapStats.Tests;

/// <summary>Reads <c>heap-stats --by-type --by-root</c>'s structured data in the walk's tests.</summary>
internal static class ByTypeData
{
    /// <summary>Objects counted under each type name.</summary>
    public static Dictionary<string, long> Types(JsonElement data) =>
        data.GetProperty("Types").EnumerateArray().ToDictionary(t => t.GetProperty("Type").GetString()!, t => t.GetProperty("Objects").GetInt64());

    /// <summary>Objects that <paramref name="root"/> reached first through references of one kind.</summary>
    public static long Via(List<JsonElement> roots, string root, string kind) =>
        roots.Single(r => r.GetProperty("Root").GetString() == root).GetProperty("Via").EnumerateArray()
            .Where(v => v.GetProperty("Kind").GetString() == kind).Sum(v => v.GetProperty("Objects").GetInt64());
}
