using System.Net.Sockets;

namespace Dlvx.Host.Dap;

/// <summary>Reads Content-Length framed DAP messages from a socket.</summary>
internal sealed class DapMessageReader
{
    private readonly Socket socket;
    private readonly int maxBody;
    private byte[] buffer = new byte[64 * 1024];
    private int start;
    private int length;

    public DapMessageReader(Socket socket, int maxBody)
    {
        this.socket = socket;
        this.maxBody = maxBody;
    }

    /// <summary>Reads the next message, or returns null at the end of the stream.</summary>
    /// <exception cref="FormatException">The framing is broken.</exception>
    public async Task<DapFrame?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var available = buffer.AsSpan(start, length);
            if (DapHeader.TryParse(available, maxBody, out var headerLength, out var bodyLength) && available.Length >= headerLength + bodyLength)
            {
                // Copy out: the frame outlives the next read into the shared buffer.
                var raw = buffer.AsSpan(start, headerLength + bodyLength).ToArray();
                start += headerLength + bodyLength;
                length -= headerLength + bodyLength;
                return new DapFrame(raw, raw.AsMemory(headerLength));
            }

            var needed = DapHeader.TryParse(available, maxBody, out headerLength, out bodyLength) ? headerLength + bodyLength : length + 1;
            if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, length);
                start = 0;
            }

            if (needed > buffer.Length)
            {
                Array.Resize(ref buffer, Math.Max(needed, buffer.Length * 2));
            }
            else if (length == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = await socket.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                return null;
            }

            length += read;
        }
    }
}
