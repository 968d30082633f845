using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dlvx.Host.JsonRpc;

/// <summary>A response as Go's net/rpc/jsonrpc writes it: <c>{"id":ID,"result":VALUE,"error":null}</c>, or a string error with a null result.</summary>
/// <param name="Id">The request's id, exactly as sent (any JSON value).</param>
/// <param name="Result">The result, serialised as its runtime type; null on error.</param>
/// <param name="Error">The error message, or null on success.</param>
internal sealed record JsonRpcResponse(
    [property: JsonPropertyName("id")] JsonElement? Id,
    [property: JsonPropertyName("result")] object? Result,
    [property: JsonPropertyName("error")] string? Error)
{
    /// <summary>A success response.</summary>
    public static JsonRpcResponse Success(JsonElement? id, object result) => new(id, result, null);

    /// <summary>An error response.</summary>
    public static JsonRpcResponse Failure(JsonElement? id, string message) => new(id, null, message);
}
