namespace Dlvx.Plugins.HeapStats;

/// <summary>A reference inside a type's layout.</summary>
/// <param name="Offset">Byte offset from the start of the value.</param>
/// <param name="Kind">How to read it.</param>
/// <param name="TargetType">The Go type referred to (the pointee, the slice element, or the interface or map type itself).</param>
internal sealed record Reference(int Offset, ReferenceKind Kind, string TargetType);
