namespace Dlvx.Plugins.GoroutineGraph;

/// <summary>An object a goroutine waits on.</summary>
/// <param name="Kind">chan or sema.</param>
/// <param name="Addr">The channel's or semaphore's address, as 0x....</param>
/// <param name="Op">send, recv, select or acquire.</param>
/// <param name="Type">The channel's type (from a user variable holding it) or the lock's type, when known.</param>
public sealed record BlockedOn(string Kind, string Addr, string Op, string Type)
{
    /// <summary>For a select case, whether it sends or receives; otherwise the same as <see cref="Op"/>.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Direction { get; init; } = Op;
}
