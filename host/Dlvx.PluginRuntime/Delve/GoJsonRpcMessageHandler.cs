using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Nodes;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace Dlvx.PluginRuntime.Delve;

/// <summary>
/// Frames StreamJsonRpc messages the way Go's net/rpc/jsonrpc codec (JSON-RPC 1.0) expects:
/// newline-separated JSON values, errors as plain strings.
/// </summary>
/// <remarks>
/// Go answers <c>{"id":1,"result":null,"error":"msg"}</c>. StreamJsonRpc's formatters expect a
/// JSON-RPC 2.0 error object and either drop the connection or lose the message, so each incoming
/// line is rewritten into the 2.0 shape before the formatter sees it.
/// </remarks>
internal sealed class GoJsonRpcMessageHandler : IJsonRpcMessageHandler, IAsyncDisposable
{
    /// <summary>The JSON-RPC error code given to Delve's string errors.</summary>
    public const int DelveErrorCode = -32000;

    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private static readonly byte[] SuccessTail = "\"error\":null}"u8.ToArray();
    private readonly Stream stream;
    private readonly PipeReader reader;
    private readonly PipeWriter writer;
    private readonly SystemTextJsonFormatter formatter;

    // JsonRpc leaves write serialisation to the handler (its own handlers lock internally).
    private readonly SemaphoreSlim writeLock = new(1, 1);

    // Bytes of the pending line already searched for its newline. A 76 MB response arrives in
    // 64 KB reads; searching it from the start after every read would cost O(n²).
    private long searched;

    public GoJsonRpcMessageHandler(Stream stream, SystemTextJsonFormatter formatter)
    {
        this.stream = stream;
        this.formatter = formatter;
        reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024));
        writer = PipeWriter.Create(stream);
    }

    public bool CanRead => true;

    public bool CanWrite => true;

    public IJsonRpcMessageFormatter Formatter => formatter;

    public async ValueTask<JsonRpcMessage?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken);
            var buffer = read.Buffer;
            var newline = buffer.Slice(searched).PositionOf((byte)'\n');
            if (newline is { } end)
            {
                var line = buffer.Slice(0, end);
                searched = 0;
                var message = ReadSuccess(line) ?? formatter.Deserialize(Normalize(line));
                reader.AdvanceTo(buffer.GetPosition(1, end));
                return message;
            }

            searched = buffer.Length;

            if (read.IsCompleted || read.IsCanceled)
            {
                reader.AdvanceTo(buffer.End);
                return null;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    public async ValueTask WriteAsync(JsonRpcMessage content, CancellationToken cancellationToken)
    {
        await writeLock.WaitAsync(cancellationToken);
        try
        {
            formatter.Serialize(writer, content);
            writer.Write(NewLine);
            await writer.FlushAsync(cancellationToken);
        }
        finally
        {
            writeLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await reader.CompleteAsync();
        await writer.CompleteAsync();
        await stream.DisposeAsync();
    }

    /// <summary>A success response, read without a DOM; null when the line is anything else.</summary>
    private DeferredDelveResult? ReadSuccess(ReadOnlySequence<byte> line)
    {
        if (!EndsWithSuccessTail(line))
        {
            return null;
        }

        // Copied, because the result is deserialised later, by the caller, and the pipe reuses its
        // buffers once the line is consumed.
        return DeferredDelveResult.TryRead(line.ToArray(), SuccessTail.Length, formatter.JsonSerializerOptions);
    }

    private static bool EndsWithSuccessTail(ReadOnlySequence<byte> line)
    {
        if (line.Length < SuccessTail.Length)
        {
            return false;
        }

        Span<byte> tail = stackalloc byte[SuccessTail.Length];
        line.Slice(line.Length - SuccessTail.Length).CopyTo(tail);
        return tail.SequenceEqual(SuccessTail);
    }

    /// <summary>Rewrites a Go JSON-RPC 1.0 response into the JSON-RPC 2.0 shape.</summary>
    internal static ReadOnlySequence<byte> Normalize(ReadOnlySequence<byte> line)
    {
        // Go writes the error member last. A success ends in "error":null and the formatter reads
        // it as it is: re-writing a response of tens of megabytes through a DOM would cost far more.
        if (EndsWithSuccessTail(line))
        {
            // Copied, because the formatter reads the result lazily and the pipe reuses its buffers
            // once the line is consumed.
            return new ReadOnlySequence<byte>(line.ToArray());
        }

        var reader = new Utf8JsonReader(line);
        if (JsonNode.Parse(ref reader) is not JsonObject message)
        {
            return line;
        }

        message["jsonrpc"] = "2.0";
        if (message["error"] is JsonValue error && error.TryGetValue<string>(out var text))
        {
            message.Remove("result");
            message["error"] = new JsonObject { ["code"] = DelveErrorCode, ["message"] = text };
        }
        else if (message.ContainsKey("error"))
        {
            message.Remove("error");
            if (!message.ContainsKey("result"))
            {
                message["result"] = null;
            }
        }

        return new ReadOnlySequence<byte>(JsonSerializer.SerializeToUtf8Bytes(message));
    }
}
