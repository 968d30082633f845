using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Dlvx.Host.Tests.Front;

/// <summary>
/// A raw client of the front port speaking either protocol: JSON-RPC responses are read as
/// newline-terminated lines, DAP messages by their Content-Length. Every read times out, so a proxy
/// that never answers fails the test instead of hanging it.
/// </summary>
internal sealed class FrontTestClient : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly Socket socket;
    private byte[] buffer = new byte[64 * 1024];
    private int length;

    private FrontTestClient(Socket socket) => this.socket = socket;

    public static async Task<FrontTestClient> ConnectAsync(IPEndPoint address)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = new CancellationTokenSource(Patience);
        await socket.ConnectAsync(address, timeout.Token);
        return new FrontTestClient(socket);
    }

    public Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text));

    public async Task SendAsync(byte[] bytes)
    {
        using var timeout = new CancellationTokenSource(Patience);
        await socket.SendAsync(bytes, SocketFlags.None, timeout.Token);
    }

    /// <summary>Sends DAP messages, framed, in one write.</summary>
    public Task SendDapAsync(params JsonObject[] messages)
    {
        var bytes = new List<byte>();
        foreach (var message in messages)
        {
            var body = Encoding.UTF8.GetBytes(message.ToJsonString());
            bytes.AddRange(Encoding.ASCII.GetBytes($"Content-Length: {body.Length.ToString(CultureInfo.InvariantCulture)}\r\n\r\n"));
            bytes.AddRange(body);
        }

        return SendAsync([.. bytes]);
    }

    /// <summary>Reads the next JSON-RPC response, or null when the server closed the connection.</summary>
    public async Task<JsonObject?> ReadJsonRpcAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var newline = Array.IndexOf(buffer, (byte)'\n', 0, length);
            if (newline >= 0)
            {
                var line = Take(newline + 1);
                return JsonNode.Parse(line) as JsonObject ?? throw new Xunit.Sdk.XunitException($"not a JSON object: {line}");
            }

            if (!await FillAsync(timeout.Token))
            {
                return length == 0 ? null : throw new Xunit.Sdk.XunitException($"closed inside a response: {Encoding.UTF8.GetString(buffer, 0, length)}");
            }
        }
    }

    /// <summary>Reads the next DAP message, or null when the server closed the connection.</summary>
    public async Task<JsonObject?> ReadDapAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var text = Encoding.ASCII.GetString(buffer, 0, length);
            var headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (headerEnd >= 0)
            {
                var declared = int.Parse(text["Content-Length: ".Length..headerEnd], CultureInfo.InvariantCulture);
                if (length >= headerEnd + 4 + declared)
                {
                    Take(headerEnd + 4);
                    var body = Take(declared);
                    return JsonNode.Parse(body) as JsonObject ?? throw new Xunit.Sdk.XunitException($"not a JSON object: {body}");
                }
            }

            if (!await FillAsync(timeout.Token))
            {
                return length == 0 ? null : throw new Xunit.Sdk.XunitException($"closed inside a message: {Encoding.UTF8.GetString(buffer, 0, length)}");
            }
        }
    }

    public void Dispose() => socket.Dispose();

    private string Take(int count)
    {
        var text = Encoding.UTF8.GetString(buffer, 0, count);
        Buffer.BlockCopy(buffer, count, buffer, 0, length - count);
        length -= count;
        return text;
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (length == buffer.Length)
        {
            Array.Resize(ref buffer, buffer.Length * 2);
        }

        int read;
        try
        {
            read = await socket.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"nothing complete within {Patience.TotalSeconds:0} s; partial: {Encoding.UTF8.GetString(buffer, 0, length)}");
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return false;
        }

        length += read;
        return read > 0;
    }
}
