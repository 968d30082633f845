namespace Dlvx.Plugins.HeapStats;

/// <summary>What one root reaches first (objects already reached from an earlier root are not counted again).</summary>
/// <param name="Root">The package variable, or goroutine frame variable.</param>
/// <param name="Objects">Objects first reached through it.</param>
/// <param name="Bytes">Their bytes.</param>
public sealed record RootCount(string Root, long Objects, long Bytes);
