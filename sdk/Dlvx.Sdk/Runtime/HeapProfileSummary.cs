namespace Dlvx.Sdk.Runtime;

/// <summary>What a heap profile written by <see cref="IGoHeap.WriteProfileAsync"/> holds.</summary>
/// <param name="Samples">Distinct reference chains (samples).</param>
/// <param name="Objects">Objects counted.</param>
/// <param name="Bytes">Their bytes.</param>
public sealed record HeapProfileSummary(long Samples, long Objects, long Bytes);
