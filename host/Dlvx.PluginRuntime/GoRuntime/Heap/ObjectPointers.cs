namespace Dlvx.PluginRuntime.GoRuntime.Heap;

/// <summary>Where an object's data starts and which type its allocation header names, if any.</summary>
/// <param name="DataOffset">Bytes from the slot's start to the program's data: 8 past a malloc header (Go 1.22+), else 0.</param>
/// <param name="HeaderType">The type a malloc header or <c>mspan.largeType</c> names (Go 1.22+), or null.</param>
/// <param name="NoMorePointers">The encoding says no pointer words follow the window described (the 2-bit bitmap's scan bit).</param>
internal readonly record struct ObjectPointers(ulong DataOffset, RuntimeType? HeaderType, bool NoMorePointers = false);
