namespace Dlvx.Sdk.Runtime;

/// <summary>The goroutines that can never run again.</summary>
/// <param name="Total">Goroutines that are not dead.</param>
/// <param name="Leaked">The leaked ones, with what each waits on.</param>
public sealed record GoroutineLeakReport(int Total, IReadOnlyList<GoroutineState> Leaked);
