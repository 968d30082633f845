namespace Dlvx.PluginRuntime.GoRuntime.Heap;

/// <summary>A reference inside a type's layout.</summary>
/// <param name="Offset">Byte offset from the start of the value.</param>
/// <param name="Kind">How to read it.</param>
/// <param name="TargetType">The Go type referred to: the pointee, the slice or array element, or the interface, map, chan or func type itself.</param>
/// <param name="Name">The field path that holds it, for retention paths (<c>next</c>, <c>inner.buf</c>).</param>
/// <param name="Count">For <see cref="ReferenceKind.Array"/>: how many elements.</param>
/// <param name="Element">For <see cref="ReferenceKind.Array"/>: the element's shape.</param>
internal sealed record Reference(int Offset, ReferenceKind Kind, string TargetType, string Name = "", ulong Count = 0, TypeShape? Element = null);
