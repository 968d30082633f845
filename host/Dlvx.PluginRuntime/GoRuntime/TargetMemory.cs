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
/// <para>
/// Blocks live in frames of a few large arrays allocated once and reused: a walk through a heap
/// larger than the cache would otherwise leave every dropped block to the garbage collector, which
/// let them pile up to gigabytes. Because a frame is reused, the cache never lends one out: readers
/// get copies, or the bytes copied into a buffer of their own.
/// </para>
/// </remarks>
internal sealed class TargetMemory(IMemorySource source) : ITargetMemory
{
    public const int BlockShift = 12;
    public const int BlockSize = 1 << BlockShift;

    // Frames come in chunks of a mebibyte, allocated as the cache first grows.
    private const int FramesPerChunk = 256;

    // A block tried and found unreadable has no frame.
    private const int Unreadable = -1;

    // Scratch blocks kept for direct reads: a run is at most 256 blocks, and reads go one at a time.
    private const int MaxScratchBlocks = 512;

    // Each cached block's frame, or Unreadable.
    private readonly Dictionary<ulong, int> blocks = [];
    private readonly Queue<ulong> insertionOrder = new();
    private readonly List<byte[]> chunks = [];
    private readonly Stack<byte[]> scratch = new();
    private readonly Lock gate = new();
    private int framesAllocated;

    // The blocks fetches in progress were asked for, with how many ask for each: never dropped while
    // asked for, so a fetch ends with all of its ranges cached, even an object larger than the cache.
    private readonly Dictionary<ulong, int> asked = [];

    /// <summary>
    /// The most block bytes kept at once: 128 MiB, or <c>DLVX_MEMORY_CACHE_MB</c> mebibytes (a smaller
    /// cache trades speed for dlvx's memory; the tests use a tiny one to prove a walk stays exact when
    /// the heap does not fit).
    /// </summary>
    public long MaxCachedBytes { get; init; } = DefaultMaxCachedBytes();

    private static long DefaultMaxCachedBytes() =>
        long.TryParse(Environment.GetEnvironmentVariable("DLVX_MEMORY_CACHE_MB"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var megabytes) && megabytes > 0
            ? megabytes << 20
            : 128L << 20;

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
        if (TryCopy(address, length, out var bytes))
        {
            return bytes;
        }

        // Unreadable, or dropped between the fetch and the copy (by another read's blocks, or by a
        // dominator tree making room): one read of its own tells which.
        return await source.ReadAsync(address, length, cancellationToken)
            ?? throw new TargetMemoryException($"cannot read {length} bytes of target memory at 0x{address:x}");
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

    /// <summary>The cached little-endian word at <paramref name="address"/>, if its blocks are cached.</summary>
    public bool TryReadWord(ulong address, out ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        var read = TryCopyTo(address, bytes);
        value = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        return read;
    }

    /// <summary>
    /// Copies the bytes at <paramref name="address"/> into <paramref name="destination"/> if every block
    /// under them is cached: for a caller that reuses one buffer rather than take a copy each time.
    /// </summary>
    public bool TryCopyTo(ulong address, Span<byte> destination)
    {
        if (destination.IsEmpty)
        {
            return true;
        }

        lock (gate)
        {
            if (!AllCached(address >> BlockShift, (address + (ulong)destination.Length - 1) >> BlockShift))
            {
                return false;
            }

            CopyCached(address, destination);
            return true;
        }
    }

    /// <summary>
    /// Lets go of every cached block and its frame, unless a fetch is in progress: for a caller about
    /// to need the memory more than the cache (the dominator tree of a heap it has just walked).
    /// Later reads fetch again.
    /// </summary>
    public void DropBlocks()
    {
        lock (gate)
        {
            if (asked.Count > 0)
            {
                return;
            }

            blocks.Clear();
            blocks.TrimExcess();
            insertionOrder.Clear();
            insertionOrder.TrimExcess();
            chunks.Clear();
            framesAllocated = 0;
        }
    }

    /// <summary>Whether some block under the range was tried and could not be read (so waiting for it is pointless).</summary>
    public bool Failed(ulong address, ulong length)
    {
        lock (gate)
        {
            for (var b = address >> BlockShift; b <= (address + length - 1) >> BlockShift; b++)
            {
                if (blocks.TryGetValue(b, out var frame) && frame == Unreadable)
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

        if (source is ProcessMemorySource direct)
        {
            // A system call each, one after the other: nothing to overlap.
            foreach (var run in runs)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ReadRunDirect(direct, run.First, run.Count);
            }

            return;
        }

        using var window = new SemaphoreSlim(source.ReadsInFlight);
        await Task.WhenAll(runs.Select(async run =>
        {
            await window.WaitAsync(cancellationToken);
            try
            {
                Store(run.First, await ReadRunAsync(run.First, run.Count, cancellationToken));
            }
            finally
            {
                window.Release();
            }
        }));
    }

    // Under the lock: whether blocks first to last are all cached and readable.
    private bool AllCached(ulong first, ulong last)
    {
        for (var b = first; b <= last; b++)
        {
            if (!blocks.TryGetValue(b, out var frame) || frame == Unreadable)
            {
                return false;
            }
        }

        return true;
    }

    // Under the lock, once AllCached said yes: the bytes at address, across blocks.
    private void CopyCached(ulong address, Span<byte> destination)
    {
        var end = address + (ulong)destination.Length;
        for (var b = address >> BlockShift; b <= (end - 1) >> BlockShift; b++)
        {
            var blockStart = b << BlockShift;
            var from = Math.Max(address, blockStart);
            var to = Math.Min(end, blockStart + BlockSize);
            Frame(blocks[b]).Slice((int)(from - blockStart), (int)(to - from)).CopyTo(destination[(int)(from - address)..]);
        }
    }

    private bool TryCopy(ulong address, int length, out byte[] bytes)
    {
        bytes = new byte[length];
        return TryCopyTo(address, bytes);
    }

    private Span<byte> Frame(int frame) => chunks[frame / FramesPerChunk].AsSpan(frame % FramesPerChunk * BlockSize, BlockSize);

    private void Store(ulong firstBlock, byte[]?[] bytes)
    {
        lock (gate)
        {
            for (var i = 0; i < bytes.Length; i++)
            {
                var key = firstBlock + (ulong)i;
                if (blocks.ContainsKey(key))
                {
                    continue;
                }

                var frame = Unreadable;
                if (bytes[i] is { } block)
                {
                    frame = TakeFrame();
                    block.CopyTo(Frame(frame));
                    BytesRead += block.Length;
                }

                blocks.Add(key, frame);
                insertionOrder.Enqueue(key);
            }
        }
    }

    // Under the lock: a new frame while the cache is under its limit, else the oldest block's. Oldest first: a walk moves on through the heap, so what it read first it needs least.
    // A block a fetch still asks for goes to the back instead; each block is looked at once. When
    // every block is asked for, the cache grows past its limit until those fetches end.
    private int TakeFrame()
    {
        if ((long)framesAllocated * BlockSize < MaxCachedBytes)
        {
            return NewFrame();
        }

        var candidates = insertionOrder.Count;
        while (candidates-- > 0 && insertionOrder.TryDequeue(out var oldest))
        {
            if (asked.ContainsKey(oldest))
            {
                insertionOrder.Enqueue(oldest);
                continue;
            }

            if (blocks.Remove(oldest, out var frame) && frame != Unreadable)
            {
                return frame;
            }
        }

        return NewFrame();
    }

    private int NewFrame()
    {
        if (framesAllocated == chunks.Count * FramesPerChunk)
        {
            chunks.Add(GC.AllocateUninitializedArray<byte>(FramesPerChunk * BlockSize));
        }

        return framesAllocated++;
    }

    // Block by block in one system call, into scratch blocks that are then copied into frames and
    // reused: a walk reads its heap several times over, and an array per block read was gigabytes of
    // garbage at 10^7 objects.
    private void ReadRunDirect(ProcessMemorySource direct, ulong firstBlock, int count)
    {
        var ranges = new MemoryRange[count];
        var into = new byte[count][];
        lock (scratch)
        {
            for (var i = 0; i < count; i++)
            {
                ranges[i] = new MemoryRange((firstBlock + (ulong)i) << BlockShift, BlockSize);
                into[i] = scratch.TryPop(out var block) ? block : GC.AllocateUninitializedArray<byte>(BlockSize);
            }
        }

        var read = new bool[count];
        direct.ReadManyInto(ranges, into, read);
        Store(firstBlock, [.. into.Select((block, i) => read[i] ? block : null)]);
        lock (scratch)
        {
            foreach (var block in into.Take(MaxScratchBlocks - scratch.Count))
            {
                scratch.Push(block);
            }
        }
    }

    private async Task<byte[]?[]> ReadRunAsync(ulong firstBlock, int count, CancellationToken cancellationToken)
    {
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
