using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dlvx.Host.JsonRpc;

/// <summary>
/// The result of an intercepted request. <see cref="Data"/>, when present, is written as the
/// result's Data member straight from the element: command data can be tens of megabytes.
/// </summary>
internal readonly record struct InterceptedResult(JsonNode? Result, JsonElement? Data = null)
{
    public static implicit operator InterceptedResult(JsonObject result) => new(result);
}
