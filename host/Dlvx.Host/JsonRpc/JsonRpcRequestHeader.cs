using System.Text.Json;

namespace Dlvx.Host.JsonRpc;

/// <summary>
/// What the proxy needs from a request to decide its route: the method, the shape of params and the
/// raw id. Read with one validating pass of <see cref="Utf8JsonReader"/> and no allocation beyond the
/// method name, because every pass-through request pays for it.
/// </summary>
/// <param name="Method">The method name, or null when missing or not a string.</param>
/// <param name="ParamsCount">Elements in the params array; -1 when params is missing or not an array.</param>
/// <param name="IdJson">The id exactly as sent (any JSON value), or null when missing.</param>
/// <param name="ArgumentJson">The first element of params exactly as sent, or null.</param>
/// <remarks>Member names match case-insensitively, as Go's encoding/json matches them.</remarks>
internal readonly record struct JsonRpcRequestHeader(string? Method, int ParamsCount, ReadOnlyMemory<byte>? IdJson, ReadOnlyMemory<byte>? ArgumentJson)
{
    /// <summary>Reads the header of one complete JSON value.</summary>
    /// <exception cref="JsonException">The value is not well-formed JSON (including invalid UTF-8) or not an object.</exception>
    public static JsonRpcRequestHeader Read(ReadOnlyMemory<byte> message)
    {
        var reader = new Utf8JsonReader(message.Span, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("a request must be a JSON object");
        }

        string? method = null;
        var paramsCount = -1;
        ReadOnlyMemory<byte>? id = null;
        ReadOnlyMemory<byte>? argument = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (IsName(ref reader, "method"))
            {
                reader.Read();
                method = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                reader.Skip();
            }
            else if (IsName(ref reader, "params"))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    paramsCount = 0;
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        var start = (int)reader.TokenStartIndex;
                        reader.Skip();
                        if (paramsCount++ == 0)
                        {
                            argument = message[start..(int)reader.BytesConsumed];
                        }
                    }
                }
                else
                {
                    paramsCount = -1;
                    reader.Skip();
                }
            }
            else if (IsName(ref reader, "id"))
            {
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                id = message[start..(int)reader.BytesConsumed];
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new JsonException("the request object is not complete");
        }

        return new JsonRpcRequestHeader(method, paramsCount, id, argument);
    }

    private static bool IsName(ref Utf8JsonReader reader, string name) =>
        reader.ValueSpan.Length == name.Length && string.Equals(reader.GetString(), name, StringComparison.OrdinalIgnoreCase);
}
