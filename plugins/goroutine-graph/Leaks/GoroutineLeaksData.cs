namespace Dlvx.Plugins.GoroutineGraph.Leaks;

/// <summary>goroutine-leaks' JSON data.</summary>
/// <param name="Total">Goroutines that are not dead.</param>
/// <param name="Leaked">The goroutines that can never run again, by id.</param>
/// <param name="Groups">The same, grouped by start function, creation site and wait reason, largest group first.</param>
public sealed record GoroutineLeaksData(int Total, IReadOnlyList<LeakedGoroutine> Leaked, IReadOnlyList<LeakGroup> Groups);
