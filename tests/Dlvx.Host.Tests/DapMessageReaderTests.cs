using System.Net.Sockets;
using System.Text;
using Dlvx.Host.Dap;

namespace Dlvx.Host.Tests;

public sealed class DapMessageReaderTests
{
    [Fact]
    public async Task ReadsMessagesSplitAnywhereAndBackToBack()
    {
        using var pair = await SocketPair.CreateAsync();
        var reader = new DapMessageReader(pair.Reader, 1024 * 1024);
        var first = Frame("""{"seq":1,"type":"request","command":"initialize"}""");
        var second = Frame("""{"seq":2,"type":"request","command":"evaluate","arguments":{"expression":"dlv help"}}""");
        var big = Frame("{\"seq\":3,\"pad\":\"" + new string('x', 200_000) + "\"}");
        var all = first.Concat(second).Concat(big).ToArray();

        // Byte by byte at the header, then the rest in one write.
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                await pair.Writer.SendAsync(all.AsMemory(i, 1), SocketFlags.None);
                await Task.Delay(2);
            }

            await pair.Writer.SendAsync(all.AsMemory(10), SocketFlags.None);
            pair.Writer.Shutdown(SocketShutdown.Send);
        });

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var one = await reader.ReadAsync(timeout.Token);
        Assert.Equal(first, one!.Value.Raw.ToArray());
        Assert.StartsWith("{\"seq\":1", Encoding.UTF8.GetString(one.Value.Body.Span), StringComparison.Ordinal);
        var two = await reader.ReadAsync(timeout.Token);
        Assert.Equal(second, two!.Value.Raw.ToArray());
        var three = await reader.ReadAsync(timeout.Token);
        Assert.Equal(big.Length, three!.Value.Raw.Length);
        Assert.Null(await reader.ReadAsync(timeout.Token));
        await writer;
    }

    [Fact]
    public async Task BrokenFramingIsAFormatException()
    {
        using var pair = await SocketPair.CreateAsync();
        var reader = new DapMessageReader(pair.Reader, 1024);
        await pair.Writer.SendAsync(Encoding.ASCII.GetBytes("Content-Length: 5000\r\n\r\n{}"), SocketFlags.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await Assert.ThrowsAsync<FormatException>(() => reader.ReadAsync(timeout.Token));
    }

    private static byte[] Frame(string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        return [.. DapHeader.For(body.Length), .. body];
    }
}
