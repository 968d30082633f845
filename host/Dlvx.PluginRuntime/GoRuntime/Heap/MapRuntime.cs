using Dlvx.Sdk.Runtime;

namespace Dlvx.PluginRuntime.GoRuntime.Heap;

/// <summary>
/// Which map implementation the target's runtime has, decided by which header type its debug
/// information declares: <c>runtime.hmap</c> (buckets, Go up to 1.23 and 1.24 built with
/// noswissmap) or <c>internal/runtime/maps.Map</c> (Swiss tables, Go 1.24+), and their layouts.
/// </summary>
internal sealed record MapRuntime(GoStructLayout? Hmap, GoStructLayout? MapExtra, GoStructLayout? SwissMap, GoStructLayout? SwissTable)
{
    public static async Task<MapRuntime> ReadAsync(IRuntimeLayout layout, CancellationToken cancellationToken)
    {
        var hmap = await layout.FindStructAsync("runtime.hmap", cancellationToken);
        if (hmap is not null)
        {
            return new MapRuntime(hmap, await layout.FindStructAsync("runtime.mapextra", cancellationToken), null, null);
        }

        return new MapRuntime(
            null,
            null,
            await layout.FindStructAsync("internal/runtime/maps.Map", cancellationToken),
            await layout.FindStructAsync("internal/runtime/maps.table", cancellationToken));
    }

    /// <summary>Whether the runtime uses buckets.</summary>
    public bool Classic => Hmap is not null;

    /// <summary>Whether the runtime uses Swiss tables.</summary>
    public bool Swiss => SwissMap is not null && SwissTable is not null;
}
