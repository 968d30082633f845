using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Dlvx.Templates.Tests;

/// <summary>
/// A plain HTTP/1.1 file server on a loopback port, written for the tests: GET of a path under
/// <see cref="Root"/> answers the file (one request per connection, then close), anything else 404.
/// Enough to serve a static NuGet v3 feed; it records every path asked for.
/// </summary>
internal sealed class LoopbackFileServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentQueue<string> requests = new();
    private readonly Task loop;

    public LoopbackFileServer(string root)
    {
        Root = Path.GetFullPath(root);
        listener.Start();
        loop = AcceptAsync();
    }

    public string Root { get; }

    /// <summary>The server's base address, ending with '/'.</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");

    /// <summary>The paths requested so far, in order.</summary>
    public IReadOnlyList<string> Requests => requests.ToArray();

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await loop.ContinueWith(static _ => { }, TaskScheduler.Default);
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stop.Token);
                connections.Add(ServeAsync(client));
                connections.RemoveAll(c => c.IsCompleted);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        await Task.WhenAll(connections).ContinueWith(static _ => { }, TaskScheduler.Default);
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
            deadline.CancelAfter(TimeSpan.FromSeconds(60));
            var stream = client.GetStream();
            try
            {
                var head = await ReadHeadAsync(stream, deadline.Token);
                var requestLine = head.Split("\r\n")[0].Split(' ');
                var path = requestLine.Length == 3 ? Uri.UnescapeDataString(requestLine[1].Split('?')[0]) : "";
                requests.Enqueue(path);
                var file = Path.GetFullPath(Path.Combine(Root, path.TrimStart('/')));
                var found = requestLine[0] == "GET" && file.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(file);
                var body = found ? await File.ReadAllBytesAsync(file, deadline.Token) : "not found"u8.ToArray();
                var type = !found ? "text/plain" : file.EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "application/octet-stream";
                var header = $"HTTP/1.1 {(found ? "200 OK" : "404 Not Found")}\r\nContent-Type: {type}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(header), deadline.Token);
                await stream.WriteAsync(body, deadline.Token);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
            {
                // A client that went away, or the server stopping: nothing to answer.
            }
        }
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var head = new StringBuilder();
        var buffer = new byte[4096];
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0 || head.Length > 64 * 1024)
            {
                break;
            }

            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return head.ToString();
    }
}
