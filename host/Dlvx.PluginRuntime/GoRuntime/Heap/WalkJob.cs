namespace Dlvx.PluginRuntime.GoRuntime.Heap;

/// <summary>An object waiting to be scanned.</summary>
/// <param name="Slot">Its global slot.</param>
/// <param name="RootContents">For an object scanned only as a root (one with a finalizer): the root; else -1.</param>
internal readonly record struct WalkJob(int Slot, int RootContents = -1);
