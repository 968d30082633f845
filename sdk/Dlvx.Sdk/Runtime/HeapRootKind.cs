using System.Text.Json.Serialization;

namespace Dlvx.Sdk.Runtime;

/// <summary>Where a heap walk starts from: the roots the garbage collector marks from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HeapRootKind>))]
public enum HeapRootKind
{
    /// <summary>A package variable, in some module's data or bss (the runtime's own included).</summary>
    Global,

    /// <summary>A word of a goroutine's stack: a local, an argument or a compiler temporary.</summary>
    Stack,

    /// <summary>A word in a running thread's registers.</summary>
    Register,

    /// <summary>An object with a finalizer: what it points to, and the finalizer function (the object itself is not a root).</summary>
    Finalizer,

    /// <summary>A cleanup's function (<c>runtime.AddCleanup</c>).</summary>
    Cleanup,

    /// <summary>An object queued for finalization, with its finalizer.</summary>
    FinalizerQueue,

    /// <summary>The handle of a weak pointer (<c>weak.Make</c>), which its object's special keeps alive.</summary>
    WeakHandle,

    /// <summary>The block a P's tiny allocator is filling, which the collector marks at the start of each cycle.</summary>
    TinyBlock,
}
