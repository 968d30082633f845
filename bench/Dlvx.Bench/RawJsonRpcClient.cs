using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Dlvx.Bench;

/// <summary>
/// A bare JSON-RPC 1.0 client: writes a request, reads bytes up to the newline. Nothing is parsed
/// unless asked, so the client's own cost is the same for Delve and for dlvx.
/// </summary>
internal sealed class RawJsonRpcClient : IDisposable
{
    private readonly TcpClient tcp;
    private readonly NetworkStream stream;
    private readonly byte[] buffer = new byte[1 << 20];
    private int buffered;
    private int id;

    public RawJsonRpcClient(string host, int port)
    {
        tcp = new TcpClient { NoDelay = true };
        tcp.Connect(host, port);
        stream = tcp.GetStream();
    }

    /// <summary>Sends one request and returns the size of the response in bytes.</summary>
    public async Task<long> CallAsync(string method, string parameterJson, CancellationToken cancellationToken)
    {
        var request = Encoding.UTF8.GetBytes($"{{\"method\":\"{method}\",\"params\":[{parameterJson}],\"id\":{++id}}}");
        await stream.WriteAsync(request, cancellationToken);
        return await SkipLineAsync(cancellationToken);
    }

    /// <summary>Sends one request and returns the parsed response.</summary>
    public async Task<JsonDocument> CallParsedAsync(string method, string parameterJson, CancellationToken cancellationToken)
    {
        var request = Encoding.UTF8.GetBytes($"{{\"method\":\"{method}\",\"params\":[{parameterJson}],\"id\":{++id}}}");
        await stream.WriteAsync(request, cancellationToken);
        using var line = new MemoryStream();
        await SkipLineAsync(cancellationToken, line);
        var document = JsonDocument.Parse(line.ToArray());
        if (document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
        {
            throw new InvalidOperationException($"{method}: {error.GetString()}");
        }

        return document;
    }

    public void Dispose() => tcp.Dispose();

    private async Task<long> SkipLineAsync(CancellationToken cancellationToken, Stream? copy = null)
    {
        long total = 0;
        while (true)
        {
            var newline = Array.IndexOf(buffer, (byte)'\n', 0, buffered);
            if (newline >= 0)
            {
                copy?.Write(buffer, 0, newline);
                total += newline + 1;
                Buffer.BlockCopy(buffer, newline + 1, buffer, 0, buffered - newline - 1);
                buffered -= newline + 1;
                return total;
            }

            copy?.Write(buffer, 0, buffered);
            total += buffered;
            buffered = 0;
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                throw new IOException("connection closed");
            }

            buffered = read;
        }
    }
}
