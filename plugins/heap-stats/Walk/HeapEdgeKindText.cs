using Dlvx.Sdk.Runtime;

namespace Dlvx.Plugins.HeapStats.Walk;

/// <summary>How an edge kind reads in text output: the same words in the by-root list and in heap-path.</summary>
internal static class HeapEdgeKindText
{
    public static string Describe(HeapEdgeKind kind) => kind switch
    {
        HeapEdgeKind.Root => "root",
        HeapEdgeKind.Field => "field",
        HeapEdgeKind.Element => "element",
        HeapEdgeKind.Slice => "slice",
        HeapEdgeKind.String => "string",
        HeapEdgeKind.Interface => "interface",
        HeapEdgeKind.MapKey => "map key",
        HeapEdgeKind.MapValue => "map value",
        HeapEdgeKind.MapInternal => "map internals",
        HeapEdgeKind.ChannelBuffer => "channel buffer",
        HeapEdgeKind.Closure => "closure",
        HeapEdgeKind.UnsafePointer => "unsafe.Pointer",
        _ => "untyped pointer",
    };
}
