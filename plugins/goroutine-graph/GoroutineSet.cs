namespace Dlvx.Plugins.GoroutineGraph;

/// <summary>What <see cref="GoroutineReader"/> read.</summary>
/// <param name="Goroutines">Every goroutine.</param>
/// <param name="Stacks">Stacks read while looking for blocking objects, by goroutine id.</param>
/// <param name="Examined">Blocked goroutines whose blocking object was read.</param>
/// <param name="Eligible">Blocked goroutines that wait on an object.</param>
public sealed record GoroutineSet(IReadOnlyList<GoroutineRecord> Goroutines, IReadOnlyDictionary<long, IReadOnlyList<CodeLocation>> Stacks, int Examined, int Eligible);
