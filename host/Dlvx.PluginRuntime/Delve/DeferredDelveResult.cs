using System.Text.Json;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace Dlvx.PluginRuntime.Delve;

/// <summary>
/// A successful Delve response whose result is kept as UTF-8 JSON and deserialised straight into
/// the caller's type when it asks for it.
/// </summary>
/// <remarks>
/// StreamJsonRpc's own System.Text.Json formatter parses every message into a JsonDocument and then
/// deserialises the result from that DOM. For a 76 MB ListGoroutines of 100,000 goroutines that first
/// pass alone costs about half a second and the size of the message again in memory.
/// </remarks>
internal sealed class DeferredDelveResult(ReadOnlyMemory<byte> resultJson, JsonSerializerOptions options) : JsonRpcResult
{
    /// <summary>The result value as Delve wrote it.</summary>
    public ReadOnlyMemory<byte> ResultJson { get; } = resultJson;

    /// <inheritdoc/>
    public override T GetResult<T>() => JsonSerializer.Deserialize<T>(ResultJson.Span, options)!;

    /// <summary>
    /// Reads a Go JSON-RPC 1.0 success line, <c>{"id":N,"result":VALUE,"error":null}</c>, as Go's
    /// encoder writes it (members in that order); null for any other shape.
    /// </summary>
    public static DeferredDelveResult? TryRead(ReadOnlyMemory<byte> line, int tailLength, JsonSerializerOptions options)
    {
        var reader = new Utf8JsonReader(line.Span);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject
            || !reader.Read() || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("id"u8)
            || !reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var id)
            || !reader.Read() || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("result"u8)
            || !reader.Read())
        {
            return null;
        }

        // The value starts at its first token; it ends before the comma that precedes the error member.
        var start = (int)reader.TokenStartIndex;
        var end = line.Length - tailLength - 1;
        while (end > start && line.Span[end] is (byte)' ' or (byte)'\t' or (byte)'\r')
        {
            end--;
        }

        if (start >= end || line.Span[end] != (byte)',')
        {
            return null;
        }

        return new DeferredDelveResult(line[start..end], options) { RequestId = new RequestId(id) };
    }
}
