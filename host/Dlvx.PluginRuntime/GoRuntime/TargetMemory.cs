using System.Buffers.Binary;
using Dlvx.Sdk.Runtime;

namespace Dlvx.PluginRuntime.GoRuntime;

/// <summary>
/// A cache of one stop's target memory, filled in bulk: whole 4 KiB blocks, consecutive missing
/// blocks joined into one read up to the source's limit, several reads in flight. Reading whole
/// blocks lets one read serve every small object in it, and pointer chains through one span (a linked
/// list) cost one read instead of one per node.
/// </summary>
/// <remarks>
/// Blocks are page-aligned, so a block holding one readable byte is wholly mapped: a read never runs
/// into an unmapped page because of the rounding. A block that cannot be read is remembered as such.
/// The cache holds at most <see cref="MaxCachedBytes"/>; past that the oldest blocks are dropped (and
/// read again if needed), so a walk of a heap larger than memory still fits. One fetch's blocks all
/// stay until it ends, so its caller can use them even when they alone exceed the limit.
/// </remarks>
internal sealed class TargetMemory(IMemorySource source) : ITargetMemory
{
    public const int BlockShift = 12;
    public const int BlockSize = 1 << BlockShift;

    /// <summary>How many bytes of dropped blocks make a full collection worth its time (about 0.1 s per 10^7-object walk each).</summary>
    private const long CollectAfterDroppedBytes = 128L << 20;

    private readonly Dictionary<ulong, byte[]?> blocks = [];
    private readonly Queue<ulong> insertionOrder = new();
    private readonly Lock gate = new();

    // The blocks fetches in progress were asked for, with how many ask for each: never dropped while
    // asked for, so a fetch ends with all of its ranges cached, even an object larger than the cache.
    private readonly Dictionary<ulong, int> asked = [];

    // Bytes of blocks dropped since the last full collection this cache asked for.
    private long droppedBytes;

    /// <summary>
    /// The most block bytes kept at once: 192 MiB, or <c>DLVX_MEMORY_CACHE_MB</c> mebibytes (a smaller
    /// cache trades speed for dlvx's memory; the tests use a tiny one to prove a walk stays exact when
    /// the heap does not fit).
    /// </summary>
    public long MaxCachedBytes { get; init; } = DefaultMaxCachedBytes();

    private static long DefaultMaxCachedBytes() =>
        long.TryParse(Environment.GetEnvironmentVariable("DLVX_MEMORY_CACHE_MB"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var megabytes) && megabytes > 0
            ? megabytes << 20
            : 192L << 20;

    /// <summary>How many bytes were read from the target.</summary>
    public long BytesRead { get; private set; }

    /// <summary>Whether the bytes come straight from the process rather than through Delve.</summary>
    public bool Direct => source is ProcessMemorySource;

    public async Task<byte[]> ReadAsync(ulong address, int length, CancellationToken cancellationToken = default)
    {
        if (length == 0)
        {
            return [];
        }

        await FetchAsync([(address, (ulong)length)], cancellationToken);
        if (!TryCopy(address, length, out var bytes))
        {
            throw new TargetMemoryException($"cannot read {length} bytes of target memory at 0x{address:x}");
        }

        return bytes;
    }

    public async Task<IReadOnlyList<byte[]?>> ReadManyAsync(IReadOnlyList<MemoryRange> ranges, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        await FetchAsync(ranges.Select(r => (r.Address, (ulong)r.Length)), cancellationToken);
        var result = new byte[]?[ranges.Count];
        for (var i = 0; i < ranges.Count; i++)
        {
            if (!TryCopy(ranges[i].Address, ranges[i].Length, out var bytes))
            {
                // Evicted while the others were read (a very large batch): read it on its own.
                bytes = ranges[i].Length == 0 ? [] : await source.ReadAsync(ranges[i].Address, ranges[i].Length, cancellationToken);
            }

            result[i] = bytes;
        }

        return result;
    }

    /// <summary>
    /// Reads many small ranges far apart (a few words of each of a hundred thousand stacks) straight
    /// from a local process, around the cache: whole cached blocks would read, and keep, a hundred
    /// times the bytes. Through Delve, where each request costs more than its bytes, the cached path
    /// serves them.
    /// </summary>
    public async Task<IReadOnlyList<byte[]?>> ReadSparseAsync(IReadOnlyList<MemoryRange> ranges, CancellationToken cancellationToken = default)
    {
        if (source is not ProcessMemorySource direct)
        {
            return await ReadManyAsync(ranges, cancellationToken);
        }

        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            BytesRead += ranges.Sum(r => (long)r.Length);
        }

        return direct.ReadMany(ranges);
    }

    public async Task<ulong> ReadWordAsync(ulong address, CancellationToken cancellationToken = default) =>
        BinaryPrimitives.ReadUInt64LittleEndian(await ReadAsync(address, 8, cancellationToken));

    /// <summary>
    /// The bytes at <paramref name="address"/> if every block under them is cached: a block's array and
    /// an offset into it when they fit in one block, else a copy.
    /// </summary>
    public bool TryGet(ulong address, ulong length, out byte[] buffer, out int offset)
    {
        buffer = [];
        offset = 0;
        if (length == 0)
        {
            return true;
        }

        var first = address >> BlockShift;
        var last = (address + length - 1) >> BlockShift;
        lock (gate)
        {
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
    }

    /// <summary>Whether some block under the range was tried and could not be read (so waiting for it is pointless).</summary>
    public bool Failed(ulong address, ulong length)
    {
        lock (gate)
        {
            for (var b = address >> BlockShift; b <= (address + length - 1) >> BlockShift; b++)
            {
                if (blocks.TryGetValue(b, out var block) && block is null)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Reads every block under the ranges that is not cached yet.</summary>
    public async Task FetchAsync(IEnumerable<(ulong Address, ulong Length)> ranges, CancellationToken cancellationToken)
    {
        var missing = new SortedSet<ulong>();
        var wanted = ranges as IReadOnlyCollection<(ulong Address, ulong Length)> ?? ranges.ToList();
        HashSet<ulong> mine = [];
        lock (gate)
        {
            foreach (var (address, length) in wanted)
            {
                for (var b = address >> BlockShift; length > 0 && b <= (address + length - 1) >> BlockShift; b++)
                {
                    if (!blocks.ContainsKey(b))
                    {
                        missing.Add(b);
                    }
                }
            }

            if (missing.Count == 0)
            {
                return; // nothing is stored, so nothing is dropped
            }

            foreach (var (address, length) in wanted)
            {
                for (var b = address >> BlockShift; length > 0 && b <= (address + length - 1) >> BlockShift; b++)
                {
                    if (mine.Add(b))
                    {
                        asked[b] = asked.GetValueOrDefault(b) + 1;
                    }
                }
            }
        }

        try
        {
            await FetchMissingAsync(missing, cancellationToken);
        }
        finally
        {
            lock (gate)
            {
                foreach (var b in mine)
                {
                    if (--asked[b] == 0)
                    {
                        asked.Remove(b);
                    }
                }
            }
        }
    }

    private async Task FetchMissingAsync(SortedSet<ulong> missing, CancellationToken cancellationToken)
    {
        // Runs of consecutive blocks, each one read.
        var maxBlocks = Math.Max(1, source.MaxReadLength / BlockSize);
        var runs = new List<(ulong First, int Count)>();
        foreach (var b in missing)
        {
            if (runs.Count > 0 && runs[^1].First + (ulong)runs[^1].Count == b && runs[^1].Count < maxBlocks)
            {
                runs[^1] = (runs[^1].First, runs[^1].Count + 1);
            }
            else
            {
                runs.Add((b, 1));
            }
        }

        using var window = new SemaphoreSlim(source.ReadsInFlight);
        await Task.WhenAll(runs.Select(async run =>
        {
            await window.WaitAsync(cancellationToken);
            try
            {
                var bytes = await ReadRunAsync(run.First, run.Count, cancellationToken);
                Store(run.First, bytes);
            }
            finally
            {
                window.Release();
            }
        }));
    }

    private bool TryCopy(ulong address, int length, out byte[] bytes)
    {
        bytes = [];
        if (!TryGet(address, (ulong)length, out var buffer, out var offset))
        {
            return false;
        }

        bytes = offset == 0 && buffer.Length == length ? buffer : buffer.AsSpan(offset, length).ToArray();
        return true;
    }

    private void Store(ulong firstBlock, byte[]?[] bytes)
    {
        bool collect;
        lock (gate)
        {
            for (var i = 0; i < bytes.Length; i++)
            {
                var key = firstBlock + (ulong)i;
                if (blocks.TryAdd(key, bytes[i]))
                {
                    insertionOrder.Enqueue(key);
                    BytesRead += bytes[i]?.Length ?? 0;
                }
            }

            // Oldest first: a walk moves on through the heap, so what it read first it needs least.
            // A block a fetch still asks for goes to the back instead; each block is looked at once.
            var candidates = insertionOrder.Count;
            while ((long)blocks.Count * BlockSize > MaxCachedBytes && candidates-- > 0 && insertionOrder.TryDequeue(out var oldest))
            {
                if (asked.ContainsKey(oldest))
                {
                    insertionOrder.Enqueue(oldest);
                    continue;
                }

                blocks.Remove(oldest);
                droppedBytes += BlockSize;
            }

            collect = droppedBytes >= CollectAfterDroppedBytes;
            if (collect)
            {
                droppedBytes = 0;
            }
        }

        if (collect)
        {
            // A heap larger than the cache is read through it again and again: dropped blocks are
            // garbage the collector would let pile up to gigabytes (its budget grows with the live
            // data) before a full collection. Collected here, the walk's memory stays near what is live.
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
        }
    }

    private async Task<byte[]?[]> ReadRunAsync(ulong firstBlock, int count, CancellationToken cancellationToken)
    {
        if (source is ProcessMemorySource direct)
        {
            // Block by block in one system call: reading the run into one array and splitting it
            // would allocate a megabyte that is garbage at once, hundreds of times in a large walk.
            return direct.ReadMany(Enumerable.Range(0, count).Select(i => new MemoryRange((firstBlock + (ulong)i) << BlockShift, BlockSize)).ToList());
        }

        var result = new byte[]?[count];
        var bytes = await source.ReadAsync(firstBlock << BlockShift, count * BlockSize, cancellationToken);
        if (bytes is not null)
        {
            for (var i = 0; i < count; i++)
            {
                result[i] = bytes.AsSpan(i * BlockSize, BlockSize).ToArray();
            }
        }
        else if (count > 1)
        {
            // One unreadable page fails the whole run: retry block by block so the readable ones are kept.
            for (var i = 0; i < count; i++)
            {
                result[i] = await source.ReadAsync((firstBlock + (ulong)i) << BlockShift, BlockSize, cancellationToken);
            }
        }

        return result;
    }
}
