using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Dlvx.Host.Demo;

/// <summary>
/// The smallest DAP client that does what VS Code's debug console does for <c>dlv COMMAND</c>:
/// initialize, attach to the remote session, evaluate in the REPL context.
/// </summary>
internal sealed class DemoDapClient : IAsyncDisposable
{
    private readonly TcpClient tcp = new() { NoDelay = true };
    private NetworkStream? stream;
    private readonly MemoryStream pending = new();
    private int seq;

    public async Task ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        await tcp.ConnectAsync(host, port, cancellationToken);
        stream = tcp.GetStream();
        await RequestAsync("initialize", new JsonObject { ["adapterID"] = "go", ["clientID"] = "dlvx-demo", ["linesStartAt1"] = true }, cancellationToken);
        await RequestAsync("attach", new JsonObject { ["request"] = "attach", ["mode"] = "remote" }, cancellationToken);
    }

    /// <summary>Evaluates in the debug console; returns the result, or the error message prefixed with "error: ", and whether it succeeded.</summary>
    public async Task<(string Text, bool Succeeded)> EvaluateAsync(string expression, CancellationToken cancellationToken)
    {
        var response = await RequestAsync("evaluate", new JsonObject { ["expression"] = expression, ["context"] = "repl" }, cancellationToken);
        return response["success"]?.GetValue<bool>() == true
            ? (response["body"]?["result"]?.GetValue<string>() ?? "", true)
            : ("error: " + (response["message"]?.GetValue<string>() ?? ""), false);
    }

    public async ValueTask DisposeAsync()
    {
        if (stream is not null)
        {
            await stream.DisposeAsync();
        }

        tcp.Dispose();
        await pending.DisposeAsync();
    }

    private async Task<JsonObject> RequestAsync(string command, JsonObject arguments, CancellationToken cancellationToken)
    {
        var requestSeq = ++seq;
        var body = Encoding.UTF8.GetBytes(new JsonObject { ["seq"] = requestSeq, ["type"] = "request", ["command"] = command, ["arguments"] = arguments }.ToJsonString());
        await stream!.WriteAsync(Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"), cancellationToken);
        await stream.WriteAsync(body, cancellationToken);
        while (true)
        {
            var message = await ReadAsync(cancellationToken);
            if (message["type"]?.GetValue<string>() == "response" && message["request_seq"]?.GetValue<int>() == requestSeq)
            {
                return message;
            }
        }
    }

    private async Task<JsonObject> ReadAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var data = pending.ToArray();
            var text = Encoding.ASCII.GetString(data, 0, Math.Min(data.Length, 256));
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end > 0)
            {
                var length = int.Parse(text[..end].Split(':')[1].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                if (data.Length >= end + 4 + length)
                {
                    pending.SetLength(0);
                    pending.Write(data, end + 4 + length, data.Length - end - 4 - length);
                    return (JsonObject)JsonNode.Parse(data.AsSpan(end + 4, length))!;
                }
            }

            var read = await stream!.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                throw new IOException("the DAP server closed the connection");
            }

            pending.Write(buffer, 0, read);
        }
    }
}
