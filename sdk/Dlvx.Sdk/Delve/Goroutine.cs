using System.Text.Json.Serialization;

namespace Dlvx.Sdk.Delve;

/// <summary>A goroutine (Delve's <c>api.Goroutine</c>).</summary>
public sealed class Goroutine
{
    /// <summary>Goroutine id.</summary>
    [JsonPropertyName("id")]
    public long Id { get; set; }

    /// <summary>Where the goroutine is now, runtime frames included.</summary>
    [JsonPropertyName("currentLoc")]
    public Location CurrentLoc { get; set; } = new();

    /// <summary>The topmost frame that is not in the runtime.</summary>
    [JsonPropertyName("userCurrentLoc")]
    public Location UserCurrentLoc { get; set; } = new();

    /// <summary>The <c>go</c> statement that created the goroutine.</summary>
    [JsonPropertyName("goStatementLoc")]
    public Location GoStatementLoc { get; set; } = new();

    /// <summary>The goroutine's start function.</summary>
    [JsonPropertyName("startLoc")]
    public Location StartLoc { get; set; } = new();

    /// <summary>The thread running the goroutine, or 0.</summary>
    [JsonPropertyName("threadID")]
    public int ThreadId { get; set; }

    /// <summary>The runtime's status number (Go's <c>_Grunnable</c>, <c>_Gwaiting</c>...).</summary>
    [JsonPropertyName("status")]
    public ulong Status { get; set; }

    /// <summary>Nanotime when the goroutine started waiting, or 0.</summary>
    [JsonPropertyName("waitSince")]
    public long WaitSince { get; set; }

    /// <summary>Index into the target runtime's <c>waitReasonStrings</c>.</summary>
    [JsonPropertyName("waitReason")]
    public long WaitReason { get; set; }

    /// <summary>Why the goroutine could not be read, if it could not.</summary>
    [JsonPropertyName("unreadable")]
    public string Unreadable { get; set; } = "";

    /// <summary>pprof labels.</summary>
    [JsonPropertyName("labels")]
    public IReadOnlyDictionary<string, string>? Labels { get; set; }
}
