namespace Dlvx.PluginRuntime.GoRuntime.Heap;

/// <summary>A closure function's context: its name and, where the target's debug information says (Go 1.23+), its captures.</summary>
/// <param name="Function">The closure's function, for example <c>main.main.func1</c>.</param>
/// <param name="Captures">The context's references by offset (the funcval's fn word is at 0), or an opaque shape when unknown.</param>
internal sealed record ClosureLayout(string Function, TypeShape Captures);
