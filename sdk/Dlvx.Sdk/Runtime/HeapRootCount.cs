namespace Dlvx.Sdk.Runtime;

/// <summary>The objects one root reached first.</summary>
/// <param name="Root">The root, for example <c>main.cache</c> or <c>goroutine 7 main.worker: buf</c>.</param>
/// <param name="Kind">What kind of root it is.</param>
/// <param name="Objects">How many objects it reached first.</param>
/// <param name="Bytes">Their bytes.</param>
/// <param name="Via">How those objects were held: by the kind of the last reference on the way to each.</param>
public sealed record HeapRootCount(string Root, HeapRootKind Kind, long Objects, long Bytes, IReadOnlyList<HeapEdgeCount> Via);
