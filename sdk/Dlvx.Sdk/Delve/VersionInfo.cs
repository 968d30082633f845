using System.Text.Json.Serialization;

namespace Dlvx.Sdk.Delve;

/// <summary>Versions reported by Delve (Delve's <c>GetVersionOut</c>).</summary>
public sealed class VersionInfo
{
    /// <summary>Delve's version text.</summary>
    [JsonPropertyName("DelveVersion")]
    public string DelveVersion { get; set; } = "";

    /// <summary>The JSON-RPC API version in use; dlvx needs 2.</summary>
    [JsonPropertyName("APIVersion")]
    public int ApiVersion { get; set; }

    /// <summary>Backend in use (<c>native</c>, <c>core</c>, <c>rr</c>...).</summary>
    [JsonPropertyName("Backend")]
    public string Backend { get; set; } = "";

    /// <summary>The Go version the target was built with, for example <c>go1.19.8</c>.</summary>
    [JsonPropertyName("TargetGoVersion")]
    public string TargetGoVersion { get; set; } = "";

    /// <summary>The oldest Go version this Delve supports.</summary>
    [JsonPropertyName("MinSupportedVersionOfGo")]
    public string MinSupportedVersionOfGo { get; set; } = "";

    /// <summary>The newest Go version this Delve supports.</summary>
    [JsonPropertyName("MaxSupportedVersionOfGo")]
    public string MaxSupportedVersionOfGo { get; set; } = "";
}
