using System.Text.Json;
using System.Text.Json.Nodes;
using Dlvx.Host.Api;

namespace Dlvx.IntegrationTests.Infrastructure;

/// <summary>One Go net/rpc JSON-RPC response: <c>{"id":..,"result":..,"error":..}</c>.</summary>
public sealed class JsonRpcResponse(JsonObject raw)
{
    public JsonObject Raw { get; } = raw;

    public JsonNode? Id => Raw["id"];

    /// <summary>The error string, or null on success.</summary>
    public string? Error => Raw["error"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>The result object; fails the test with the error when there is none.</summary>
    public JsonObject Result() =>
        Error is null && Raw["result"] is JsonObject result ? result : throw new Xunit.Sdk.XunitException($"expected a result, got {Raw.ToJsonString()}");

    /// <summary>The result read as the dlvx API type <typeparamref name="T"/>; fails the test with the error when there is none.</summary>
    public T Result<T>() => Result().Deserialize<T>(DlvxApiJson.Options) ?? throw new Xunit.Sdk.XunitException($"expected a {typeof(T).Name}, got {Raw.ToJsonString()}");

    public override string ToString() => Raw.ToJsonString();
}
