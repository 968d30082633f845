using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Dlvx.Host.Dap;
using Dlvx.Host.JsonRpc;
using Dlvx.PluginRuntime.Delve;

namespace Dlvx.Host.Tests.Front;

/// <summary>
/// A stand-in for Delve's headless server on loopback that counts the connections it accepts and
/// records every byte it receives. Like Delve it sniffs the first byte: <c>C</c> starts a DAP session,
/// anything else JSON-RPC. Each JSON-RPC request is answered with
/// <c>{"id":ID,"result":{"Method":M,"Index":N},"error":null}</c>, N counting the requests of that
/// connection from 0; each DAP request with a successful response whose body says <c>"fake":true</c>.
/// </summary>
internal sealed class FakeDelve : IAsyncDisposable
{
    private readonly Socket listener;
    private readonly CancellationTokenSource stop = new();
    private readonly List<Task> sessions = [];
    private readonly MemoryStream received = new();
    private readonly Task acceptLoop;
    private int connectionsAccepted;

    private FakeDelve()
    {
        listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(64);
        acceptLoop = AcceptAsync();
    }

    public DelveEndpoint Endpoint => new("127.0.0.1", ((IPEndPoint)listener.LocalEndPoint!).Port);

    public int ConnectionsAccepted => Volatile.Read(ref connectionsAccepted);

    /// <summary>Everything received on every connection, in arrival order.</summary>
    public byte[] Received
    {
        get
        {
            lock (received)
            {
                return received.ToArray();
            }
        }
    }

    public static FakeDelve Start() => new();

    /// <summary>An endpoint where nothing listens, so a connection to it is refused.</summary>
    public static DelveEndpoint RefusingEndpoint()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return new DelveEndpoint("127.0.0.1", ((IPEndPoint)probe.LocalEndPoint!).Port);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Dispose();
        Task[] running;
        lock (sessions)
        {
            running = [acceptLoop, .. sessions];
        }

        await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(static _ => { }, TaskScheduler.Default);
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            Interlocked.Increment(ref connectionsAccepted);
            lock (sessions)
            {
                sessions.Add(ServeAsync(socket));
            }
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using (socket)
        await using (stop.Token.Register(socket.Dispose))
        {
            try
            {
                var first = new byte[1];
                if (await socket.ReceiveAsync(first, SocketFlags.Peek, stop.Token) == 0)
                {
                    return;
                }

                if (first[0] == (byte)'C')
                {
                    await ServeDapAsync(socket);
                }
                else
                {
                    await ServeJsonRpcAsync(socket);
                }
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException or FormatException)
            {
                // The proxy closed the connection, or the test is over.
            }
        }
    }

    private async Task ServeJsonRpcAsync(Socket socket)
    {
        var framer = new JsonValueFramer();
        var buffer = new byte[64 * 1024];
        var length = 0;
        var index = 0;
        while (true)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, stop.Token);
            if (read == 0)
            {
                return;
            }

            Record(buffer.AsSpan(length, read));
            length += read;
            int end;
            while (length > 0 && (end = framer.FindEnd(buffer.AsSpan(0, length))) > 0)
            {
                using (var request = JsonDocument.Parse(buffer.AsMemory(0, end)))
                {
                    var id = request.RootElement.GetProperty("id").GetRawText();
                    var method = request.RootElement.GetProperty("method").GetString();
                    var reply = $"{{\"id\":{id},\"result\":{{\"Method\":\"{method}\",\"Index\":{index++}}},\"error\":null}}\n";
                    await socket.SendAsync(Encoding.UTF8.GetBytes(reply), SocketFlags.None, stop.Token);
                }

                Buffer.BlockCopy(buffer, end, buffer, 0, length - end);
                length -= end;
            }
        }
    }

    private async Task ServeDapAsync(Socket socket)
    {
        var reader = new DapMessageReader(socket, int.MaxValue);
        while (await reader.ReadAsync(stop.Token) is { } frame)
        {
            Record(frame.Raw.Span);
            using var message = JsonDocument.Parse(frame.Body);
            var seq = message.RootElement.GetProperty("seq").GetInt64();
            var command = message.RootElement.GetProperty("command").GetString();
            var body = Encoding.UTF8.GetBytes($"{{\"seq\":0,\"type\":\"response\",\"request_seq\":{seq},\"success\":true,\"command\":\"{command}\",\"body\":{{\"fake\":true}}}}");
            await socket.SendAsync(DapHeader.For(body.Length).Concat(body).ToArray(), SocketFlags.None, stop.Token);
        }
    }

    private void Record(ReadOnlySpan<byte> bytes)
    {
        lock (received)
        {
            received.Write(bytes);
        }
    }
}
