using Dlvx.Sdk.Runtime;

namespace Dlvx.PluginRuntime.GoRuntime.Heap;

/// <summary>A root the walk starts from: a variable, a goroutine frame, a finalizer...</summary>
/// <param name="Name">How it is reported, for example <c>main.cache</c> or <c>goroutine 7 frame 2 main.worker: buf</c>.</param>
/// <param name="Kind">What kind of root it is.</param>
/// <param name="Goroutine">For a stack or register root, the goroutine whose it is; else 0.</param>
internal sealed record HeapRoot(string Name, HeapRootKind Kind, long Goroutine = 0);
