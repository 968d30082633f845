namespace Dlvx.Plugins.GoroutineGraph;

/// <summary>What <see cref="GoroutineReader"/> read.</summary>
/// <param name="Goroutines">Every goroutine.</param>
/// <param name="Stacks">Stacks read to name semaphores' locks, by goroutine id.</param>
/// <param name="Examined">Goroutines waiting on a semaphore of unnamed lock type whose stack was read to name it.</param>
/// <param name="Eligible">Goroutines waiting on a semaphore whose wait reason does not name the lock.</param>
public sealed record GoroutineSet(IReadOnlyList<GoroutineRecord> Goroutines, IReadOnlyDictionary<long, IReadOnlyList<CodeLocation>> Stacks, int Examined, int Eligible);
