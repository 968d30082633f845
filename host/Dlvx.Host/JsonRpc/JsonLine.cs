using System.Buffers;
using System.Text.Json;
using Dlvx.Host.Api;

namespace Dlvx.Host.JsonRpc;

/// <summary>Serialises a message dlvx writes on a JSON-RPC connection as one line.</summary>
internal static class JsonLine
{
    /// <summary>The message and its newline in one buffer: they must leave in one send.</summary>
    public static ReadOnlyMemory<byte> Encode(object message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = DlvxApiJson.Options.Encoder }))
        {
            JsonSerializer.Serialize(json, message, message.GetType(), DlvxApiJson.Options);
        }

        buffer.Write("\n"u8);
        return buffer.WrittenMemory;
    }
}
