namespace Dlvx.PluginRuntime.GoRuntime.Heap;

/// <summary>How the walk reads an object whose type it knows.</summary>
internal enum ViewKind
{
    /// <summary>One value of a Go type.</summary>
    Value,

    /// <summary>An array of values of a Go type (a slice's backing array).</summary>
    Array,

    /// <summary>A string's bytes.</summary>
    Bytes,

    /// <summary>Only a name (a header's runtime type Delve cannot lay out): counted, its references untyped.</summary>
    Named,

    /// <summary>A classic map's header (runtime.hmap).</summary>
    ClassicMap,

    /// <summary>A classic map's bucket array, or one overflow bucket.</summary>
    ClassicBuckets,

    /// <summary>A classic map's runtime.mapextra.</summary>
    ClassicMapExtra,

    /// <summary>A classic map's overflow list (a <c>[]*bmap</c> header, then its array).</summary>
    ClassicOverflowList,

    /// <summary>The array behind a classic map's overflow list.</summary>
    ClassicOverflowArray,

    /// <summary>A Swiss-table map's header (internal/runtime/maps.Map).</summary>
    SwissMap,

    /// <summary>A Swiss-table map's directory of tables.</summary>
    SwissDirectory,

    /// <summary>A Swiss-table map's table.</summary>
    SwissTable,

    /// <summary>A Swiss-table map's array of groups (or a small map's one group).</summary>
    SwissGroups,

    /// <summary>A channel (runtime.hchan).</summary>
    Channel,

    /// <summary>A channel's buffer: its queued elements.</summary>
    ChannelBuffer,

    /// <summary>A closure's context (a funcval and its captured variables).</summary>
    Closure,
}
