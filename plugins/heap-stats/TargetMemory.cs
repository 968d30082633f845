using Dlvx.Sdk.Delve;

namespace Dlvx.Plugins.HeapStats;

/// <summary>
/// A cache of target memory, filled in bulk: whole 4 KiB blocks, consecutive missing blocks joined into
/// reads of up to 64 KiB, several reads in flight. Delve answers at most 1000 bytes per request, so the
/// walk's cost is the number of requests; reading whole blocks lets one read serve every small object
/// in it, and pointer chains through one span (a linked list) cost one read instead of one per node.
/// </summary>
/// <remarks>
/// Blocks are page-aligned, so a block holding one readable byte is wholly mapped: a read never runs
/// into an unmapped page because of the rounding. A block Delve cannot read is remembered as such.
/// </remarks>
internal sealed class TargetMemory(IDelveClient delve)
{
    private const int BlockShift = 12;
    private const int BlockSize = 1 << BlockShift;
    private const int MaxBlocksPerRead = (64 * 1024) / BlockSize;

    // Each read is itself pipelined by the client; a few at once keep Delve busy without flooding it.
    private const int ReadsInFlight = 4;

    private readonly Dictionary<ulong, byte[]?> blocks = [];

    /// <summary>How many bytes were read from the target.</summary>
    public long BytesRead { get; private set; }

    /// <summary>
    /// The bytes at <paramref name="address"/>, if every block under them has been read: a block's
    /// array and an offset into it when they fit in one block, else a copy.
    /// </summary>
    public bool TryGet(ulong address, ulong length, out byte[] buffer, out int offset)
    {
        buffer = [];
        offset = 0;
        var first = address >> BlockShift;
        var last = (address + length - 1) >> BlockShift;
        if (first == last)
        {
            if (!blocks.TryGetValue(first, out var block) || block is null)
            {
                return false;
            }

            buffer = block;
            offset = (int)(address & (BlockSize - 1));
            return true;
        }

        for (var b = first; b <= last; b++)
        {
            if (!blocks.TryGetValue(b, out var block) || block is null)
            {
                return false;
            }
        }

        var copy = new byte[length];
        for (var b = first; b <= last; b++)
        {
            var blockStart = b << BlockShift;
            var from = Math.Max(address, blockStart);
            var to = Math.Min(address + length, blockStart + BlockSize);
            blocks[b]!.AsSpan((int)(from - blockStart), (int)(to - from)).CopyTo(copy.AsSpan((int)(from - address)));
        }

        buffer = copy;
        return true;
    }

    /// <summary>Whether some block under the range was tried and could not be read (so waiting for it is pointless).</summary>
    public bool Failed(ulong address, ulong length)
    {
        for (var b = address >> BlockShift; b <= (address + length - 1) >> BlockShift; b++)
        {
            if (blocks.TryGetValue(b, out var block) && block is null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads every block under the ranges that is not cached yet.</summary>
    public async Task FetchAsync(IEnumerable<(ulong Address, ulong Length)> ranges, CancellationToken cancellationToken)
    {
        var missing = new SortedSet<ulong>();
        foreach (var (address, length) in ranges)
        {
            if (length == 0)
            {
                continue;
            }

            for (var b = address >> BlockShift; b <= (address + length - 1) >> BlockShift; b++)
            {
                if (!blocks.ContainsKey(b))
                {
                    missing.Add(b);
                }
            }
        }

        // Runs of consecutive blocks, each one read.
        var runs = new List<(ulong First, int Count)>();
        foreach (var b in missing)
        {
            if (runs.Count > 0 && runs[^1].First + (ulong)runs[^1].Count == b && runs[^1].Count < MaxBlocksPerRead)
            {
                runs[^1] = (runs[^1].First, runs[^1].Count + 1);
            }
            else
            {
                runs.Add((b, 1));
            }
        }

        using var window = new SemaphoreSlim(ReadsInFlight);
        var results = await Task.WhenAll(runs.Select(async run =>
        {
            await window.WaitAsync(cancellationToken);
            try
            {
                return (run, Bytes: await ReadRunAsync(run.First, run.Count, cancellationToken));
            }
            finally
            {
                window.Release();
            }
        }));

        foreach (var (run, bytes) in results)
        {
            for (var i = 0; i < run.Count; i++)
            {
                blocks[run.First + (ulong)i] = bytes[i];
                BytesRead += bytes[i]?.Length ?? 0;
            }
        }
    }

    private async Task<byte[]?[]> ReadRunAsync(ulong firstBlock, int count, CancellationToken cancellationToken)
    {
        var result = new byte[]?[count];
        try
        {
            var bytes = (await delve.ExamineMemoryAsync(firstBlock << BlockShift, count * BlockSize, cancellationToken)).Bytes;
            for (var i = 0; i < count && (i + 1) * BlockSize <= bytes.Length; i++)
            {
                result[i] = bytes.Slice(i * BlockSize, BlockSize).ToArray();
            }
        }
        catch (DelveException e) when (e is not TargetRunningException and not ProcessExitedException and not DelveConnectionException && count > 1)
        {
            // One unreadable page fails the whole run: retry block by block so the readable ones are kept.
            for (var i = 0; i < count; i++)
            {
                result[i] = (await ReadRunAsync(firstBlock + (ulong)i, 1, cancellationToken))[0];
            }
        }
        catch (DelveException e) when (e is not TargetRunningException and not ProcessExitedException and not DelveConnectionException)
        {
            // An unreadable block stays null: whatever needs it is skipped.
        }

        return result;
    }
}
