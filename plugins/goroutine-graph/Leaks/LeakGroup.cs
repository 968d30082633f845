namespace Dlvx.Plugins.GoroutineGraph.Leaks;

/// <summary>Leaked goroutines that started in the same function, from the same go statement, waiting for the same reason.</summary>
/// <param name="Start">The function they started in.</param>
/// <param name="CreatedBy">The go statement that created them.</param>
/// <param name="WaitReason">The runtime's wait reason.</param>
/// <param name="Count">How many.</param>
/// <param name="Goroutines">Their ids.</param>
/// <param name="Stack">One of them's stack, innermost frame first.</param>
public sealed record LeakGroup(CodeLocation Start, CodeLocation CreatedBy, string WaitReason, int Count, IReadOnlyList<long> Goroutines, IReadOnlyList<CodeLocation> Stack);
