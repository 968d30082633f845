using System.Reflection;
using System.Reflection.Metadata;
using System.Text.Json;

namespace Dlvx.PluginRuntime.Plugins;

/// <summary>
/// System.Text.Json's process-wide cache of the accessors it emits for the types it serialises. Plugin
/// results are serialised with options owned by their catalog, but this cache is static: its entries hold
/// the plugin's types (and so its load context) until they expire, which happens only when some later
/// serialisation happens to sweep the cache. Clearing it after a catalog is disposed makes unloading
/// deterministic instead of depending on what the next command serialises.
/// </summary>
/// <remarks>
/// The cache is cleared the way .NET hot reload clears it: through the <c>ClearCache(Type[]?)</c> method of
/// the <see cref="MetadataUpdateHandlerAttribute"/> System.Text.Json declares for that purpose. If a future
/// runtime drops the handler, nothing is cleared and entries still expire on their own.
/// </remarks>
internal static class JsonSerializerReflectionCache
{
    private static readonly MethodInfo[] ClearCacheMethods = typeof(JsonSerializer).Assembly
        .GetCustomAttributes<MetadataUpdateHandlerAttribute>()
        .Select(a => a.HandlerType.GetMethod("ClearCache", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, [typeof(Type[])]))
        .OfType<MethodInfo>()
        .ToArray();

    /// <summary>Drops every cached accessor; live types get theirs again on their next serialisation.</summary>
    public static void Clear()
    {
        foreach (var clearCache in ClearCacheMethods)
        {
            clearCache.Invoke(null, [null]);
        }
    }
}
