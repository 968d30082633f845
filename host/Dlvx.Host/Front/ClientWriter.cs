using System.Net.Sockets;

namespace Dlvx.Host.Front;

/// <summary>
/// Everything a proxy connection writes to its client, one whole message at a time: Delve's
/// responses passed through, answers to intercepted requests, progress notifications. Writers
/// take turns, so no message is ever split by another and each source keeps its own order.
/// </summary>
/// <remarks>
/// A client that has left is not an error here: writes to it are dropped, and the connection's
/// reading side notices the close and ends the connection. The semaphore is never disposed: an
/// abandoned plugin command may still answer after its connection has ended.
/// </remarks>
internal sealed class ClientWriter(Socket client)
{
    private readonly SemaphoreSlim turn = new(1, 1);
    private bool holdingForChunks;

    /// <summary>Writes one complete message.</summary>
    public async Task WriteAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        await turn.WaitAsync(cancellationToken);
        try
        {
            await client.SendAsync(message, SocketFlags.None, cancellationToken);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The client left; nothing to answer.
        }
        finally
        {
            turn.Release();
        }
    }

    /// <summary>
    /// Writes a chunk of a stream of messages with a blocking send, for the pass-through threads
    /// that copy Delve's bytes as they arrive. The turn is held from a message's first chunk to the
    /// chunk that ends it, so other writers wait for a whole message. Called from one thread only.
    /// </summary>
    /// <param name="chunk">Bytes as received from Delve.</param>
    /// <param name="endsMessage">Whether the chunk ends on a message boundary.</param>
    /// <exception cref="SocketException">The client went away.</exception>
    public void WriteChunk(ReadOnlySpan<byte> chunk, bool endsMessage)
    {
        if (!holdingForChunks)
        {
            turn.Wait();
            holdingForChunks = true;
        }

        try
        {
            while (!chunk.IsEmpty)
            {
                chunk = chunk[client.Send(chunk, SocketFlags.None)..];
            }
        }
        finally
        {
            if (endsMessage || chunk.Length > 0)
            {
                // A message ended, or sending failed part-way: the pass-through is over either way.
                ReleaseChunkTurn();
            }
        }
    }

    /// <summary>Gives up a turn held by <see cref="WriteChunk"/> for a message that will never end.</summary>
    public void ReleaseChunkTurn()
    {
        if (holdingForChunks)
        {
            holdingForChunks = false;
            turn.Release();
        }
    }
}
