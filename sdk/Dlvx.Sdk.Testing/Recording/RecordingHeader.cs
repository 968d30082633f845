using System.Text.Json.Serialization;

namespace Dlvx.Sdk.Testing.Recording;

/// <summary>The first line of a recording: what the file is, so a replay can refuse anything else.</summary>
/// <param name="Format">Always <see cref="FormatName"/>.</param>
/// <param name="Version">The format's version; this kit reads <see cref="CurrentVersion"/>.</param>
/// <param name="Requests">How many exchanges follow.</param>
internal sealed record RecordingHeader(
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("requests")] int Requests)
{
    public const string FormatName = "dlvx-delve-recording";

    public const int CurrentVersion = 1;
}
