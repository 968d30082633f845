using System.Text.Json.Serialization;

namespace Dlvx.Host.JsonRpc;

/// <summary>A message dlvx sends without being asked (no id): <c>{"method":M,"params":[VALUE]}</c>.</summary>
/// <param name="Method">The method, for example <c>Dlvx.Progress</c>.</param>
/// <param name="Params">One parameter, in the one-element array Delve's protocol always uses.</param>
internal sealed record JsonRpcNotification(
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("params")] IReadOnlyList<object> Params);
