namespace Dlvx.PluginRuntime.GoRuntime.Heap;

/// <summary>A root word that points into the heap.</summary>
/// <param name="Address">Where the word is.</param>
/// <param name="Value">What it holds.</param>
/// <param name="Root">The root it belongs to (an index into the root list).</param>
/// <param name="Hint">What the root's type says about the word.</param>
internal readonly record struct RootWord(ulong Address, ulong Value, int Root, Hint Hint);
