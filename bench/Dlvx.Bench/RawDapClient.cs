using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Dlvx.Bench;

/// <summary>A bare DAP client: Content-Length framing, requests matched by seq, events skipped.</summary>
internal sealed class RawDapClient : IDisposable
{
    private readonly TcpClient tcp;
    private readonly NetworkStream stream;
    private byte[] buffer = new byte[1 << 16];
    private int buffered;
    private int seq;

    public RawDapClient(string host, int port)
    {
        tcp = new TcpClient { NoDelay = true };
        tcp.Connect(host, port);
        stream = tcp.GetStream();
    }

    public async Task AttachAsync(CancellationToken cancellationToken)
    {
        await RequestAsync("initialize", "{\"adapterID\":\"go\"}", cancellationToken);
        await RequestAsync("attach", "{\"request\":\"attach\",\"mode\":\"remote\"}", cancellationToken);
    }

    public async Task<JsonElement> RequestAsync(string command, string argumentsJson, CancellationToken cancellationToken)
    {
        var mine = ++seq;
        var body = Encoding.UTF8.GetBytes($"{{\"seq\":{mine},\"type\":\"request\",\"command\":\"{command}\",\"arguments\":{argumentsJson}}}");
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"), cancellationToken);
        await stream.WriteAsync(body, cancellationToken);
        while (true)
        {
            using var message = JsonDocument.Parse(await ReadMessageAsync(cancellationToken));
            var root = message.RootElement;
            if (root.GetProperty("type").GetString() == "response" && root.GetProperty("request_seq").GetInt32() == mine)
            {
                if (!root.GetProperty("success").GetBoolean())
                {
                    throw new InvalidOperationException($"{command}: {root.GetProperty("message").GetString()}");
                }

                return root.Clone();
            }
        }
    }

    public void Dispose() => tcp.Dispose();

    private async Task<byte[]> ReadMessageAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var text = Encoding.ASCII.GetString(buffer, 0, Math.Min(buffered, 200));
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end > 0)
            {
                var length = int.Parse(text[..end].Split(':')[1].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                if (buffered >= end + 4 + length)
                {
                    var body = buffer.AsSpan(end + 4, length).ToArray();
                    Buffer.BlockCopy(buffer, end + 4 + length, buffer, 0, buffered - end - 4 - length);
                    buffered -= end + 4 + length;
                    return body;
                }

                if (end + 4 + length > buffer.Length)
                {
                    Array.Resize(ref buffer, end + 4 + length);
                }
            }

            var read = await stream.ReadAsync(buffer.AsMemory(buffered), cancellationToken);
            if (read == 0)
            {
                throw new IOException("connection closed");
            }

            buffered += read;
        }
    }
}
