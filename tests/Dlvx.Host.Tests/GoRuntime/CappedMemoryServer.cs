using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Dlvx.PluginRuntime.Delve;

namespace Dlvx.Host.Tests.GoRuntime;

/// <summary>
/// A Go-style JSON-RPC 1.0 server on loopback that answers <c>RPCServer.ExamineMemory</c> like Delve 1.20:
/// reads over <see cref="Cap"/> bytes are refused with Delve's own message. It holds every answer until
/// <c>holdUntil</c> requests have arrived, so that many reads are in flight before the first refusal.
/// The byte at address <c>a</c> is <see cref="ByteAt"/>(a).
/// </summary>
internal sealed class CappedMemoryServer : IAsyncDisposable
{
    public const int Cap = 1000;

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly int holdUntil;
    private Task? loop;

    private CappedMemoryServer(int holdUntil) => this.holdUntil = holdUntil;

    public DelveEndpoint Endpoint => new("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port);

    public static CappedMemoryServer Start(int holdUntil)
    {
        var server = new CappedMemoryServer(holdUntil);
        server.listener.Start();
        server.loop = server.ServeAsync();
        return server;
    }

    public static byte ByteAt(ulong address) => (byte)((address * 2654435761UL) >> 13);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await (loop ?? Task.CompletedTask).ContinueWith(static _ => { }, TaskScheduler.Default);
        stop.Dispose();
    }

    private static string Answer(string request)
    {
        using var document = JsonDocument.Parse(request);
        var id = document.RootElement.GetProperty("id").GetRawText();
        var arguments = document.RootElement.GetProperty("params")[0];
        var address = arguments.GetProperty("Address").GetUInt64();
        var length = arguments.GetProperty("Length").GetInt32();
        if (length > Cap)
        {
            return $"{{\"id\":{id},\"result\":null,\"error\":\"len must be less than or equal to {Cap}\"}}\n";
        }

        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = ByteAt(address + (ulong)i);
        }

        return $"{{\"id\":{id},\"result\":{{\"Mem\":\"{Convert.ToBase64String(bytes)}\",\"IsLittleEndian\":true}},\"error\":null}}\n";
    }

    private static bool IsComplete(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private async Task ServeAsync()
    {
        using var socket = await listener.AcceptSocketAsync(stop.Token);
        using var stream = new NetworkStream(socket);
        using var reader = new StreamReader(stream);
        var held = new List<string>();
        var received = 0;
        var request = new StringBuilder();
        var buffer = new char[1];
        while (await reader.ReadAsync(buffer, stop.Token) > 0)
        {
            request.Append(buffer[0]);
            if (buffer[0] != '}' || !IsComplete(request.ToString()))
            {
                continue;
            }

            held.Add(Answer(request.ToString()));
            request.Clear();
            if (++received < holdUntil)
            {
                continue;
            }

            foreach (var answer in held)
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(answer), stop.Token);
            }

            await stream.FlushAsync(stop.Token);
            held.Clear();
        }
    }
}
