using System.Text.Json.Serialization;

namespace Dlvx.Sdk.Runtime;

/// <summary>What kind of object a goroutine waits on.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BlockingObjectKind>))]
public enum BlockingObjectKind
{
    /// <summary>A channel: the goroutine's sudog is in its send or receive queue.</summary>
    Channel,

    /// <summary>A runtime semaphore (sync.Mutex, RWMutex, WaitGroup): the goroutine's sudog is in <c>runtime.semtable</c>.</summary>
    Semaphore,

    /// <summary>A sync.Cond's notify list: the goroutine waits in <c>Cond.Wait</c>.</summary>
    Condition,
}
