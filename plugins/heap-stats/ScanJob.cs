namespace Dlvx.Plugins.HeapStats;

/// <summary>Memory the heap walk must read and look inside, once its bytes are cached.</summary>
/// <param name="Target">What is there.</param>
/// <param name="Length">How many bytes from the target's address to scan.</param>
/// <param name="Shape">The layout of one value, for values and arrays.</param>
internal sealed record ScanJob(WalkTarget Target, ulong Length, TypeShape? Shape);
