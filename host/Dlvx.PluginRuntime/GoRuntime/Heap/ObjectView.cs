namespace Dlvx.PluginRuntime.GoRuntime.Heap;

/// <summary>What the walk knows of an object: how to name it and how to type what its pointer words reach.</summary>
/// <param name="Id">Its index in the view catalog.</param>
/// <param name="Kind">How to read it.</param>
/// <param name="Name">The name it is counted under.</param>
/// <param name="Shape">The value's (or array element's) shape.</param>
/// <param name="Count">The elements of an array or channel buffer.</param>
/// <param name="Map">The map type, for map internals.</param>
internal sealed record ObjectView(int Id, ViewKind Kind, string Name, TypeShape? Shape = null, ulong Count = 1, MapTypes? Map = null);
