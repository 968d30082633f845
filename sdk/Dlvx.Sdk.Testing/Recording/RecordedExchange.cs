using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dlvx.Sdk.Testing.Recording;

/// <summary>
/// One line of a recording: a request a command's <see cref="Dlvx.Sdk.Delve.IDelveClient"/> sent and
/// Delve's answer to it, exactly as they crossed the wire.
/// </summary>
/// <param name="Sequence">The request's place in the order requests were sent, from 1.</param>
/// <param name="Method">The JSON-RPC method, for example <c>RPCServer.Eval</c>.</param>
/// <param name="Params">The request's <c>params</c>: Delve's one-element array.</param>
/// <param name="Result">Delve's <c>result</c>, when it answered with one.</param>
/// <param name="Error">Delve's error, when it answered with one.</param>
internal sealed record RecordedExchange(
    [property: JsonPropertyName("seq")] long Sequence,
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("params")] JsonElement Params,
    [property: JsonPropertyName("result")] JsonElement? Result,
    [property: JsonPropertyName("error")] RecordedError? Error);
