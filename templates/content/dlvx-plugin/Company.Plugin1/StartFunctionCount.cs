namespace Company.Plugin1;

/// <summary>How many goroutines a function started.</summary>
/// <param name="Function">The goroutine's start function, for example <c>main.worker</c>.</param>
/// <param name="Count">How many goroutines started there.</param>
public sealed record StartFunctionCount(string Function, int Count);
