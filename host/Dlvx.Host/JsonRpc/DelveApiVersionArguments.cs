using System.Text.Json.Serialization;

namespace Dlvx.Host.JsonRpc;

/// <summary>Delve's <c>SetAPIVersionIn</c>, read to refuse anything but v2.</summary>
/// <param name="ApiVersion">The API version asked for.</param>
internal sealed record DelveApiVersionArguments([property: JsonPropertyName("APIVersion")] int? ApiVersion);
