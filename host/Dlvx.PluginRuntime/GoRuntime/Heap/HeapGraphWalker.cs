using System.Diagnostics;
using System.Globalization;
using Dlvx.Sdk;
using Dlvx.Sdk.Runtime;

namespace Dlvx.PluginRuntime.GoRuntime.Heap;

/// <summary>
/// Marks every heap object reachable from the roots, as the garbage collector's mark phase does:
/// an object's pointer words come from its pointer bitmap, not from its static type, so nothing is
/// missed for lack of a type (channels' buffers, closures' captures, unsafe.Pointers). Types ride
/// along: where a typed reference reaches an object at its start, or its malloc header names its
/// type, the object is counted under that type and its own references are typed in turn.
/// </summary>
/// <remarks>
/// Per object the walk keeps a few bytes in arrays indexed by heap slot (no object per object), and
/// scans in batches: the batch's objects and their bitmaps are read in one bulk fetch. An object over
/// a megabyte (a big map's bucket array) is scanned a window at a time into one reused buffer, so
/// neither its bytes nor its pointer words are ever held whole.
/// Why this file is long (about 450 lines): the mark loop, its batched and windowed reads and the
/// typing of references all work on those per-slot arrays; the counting is already apart (HeapWalkCounter).
/// </remarks>
internal sealed class HeapGraphWalker
{
    private const byte Marked = 1;
    private const byte Scanned = 2;

    // How much the slot's view can be trusted, in bits 2-3: a view only ever gives way to a stronger one.
    private const int StrengthShift = 2;
    private const byte StrengthMask = 3 << StrengthShift;
    private const byte Weak = 1;      // typed by a stack slot's variable
    private const byte Header = 2;    // the malloc header's type
    private const byte Strong = 3;    // typed by a global's or a heap object's reference

    // How the first reference that reached the slot held it (a HeapEdgeKind, 13 of them), in bits 4-7:
    // a byte per slot fewer, 10 MB at 10^7 objects.
    private const int EdgeShift = 4;
    private const int BatchObjects = 8192;
    private const long BatchBytes = 16L << 20;

    // Objects larger than this are scanned in windows of this size.
    private const ulong WindowBytes = 1 << 20;

    // Bytes a window holds on either side: describing a pointer word reads the rest of its reference,
    // an interface's type word before it or a slice's length and capacity after it.
    private const ulong WindowMargin = 64;

    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    private readonly TargetMemory memory;
    private readonly SpanTable spans;
    private readonly PointerBitmap bitmap;
    private readonly ViewCatalog views;
    private readonly ClosureLayouts closures;
    private readonly IProgress<CommandProgress>? progress;
    private readonly byte[] flags;
    private readonly int[] viewOf;
    private readonly int[] rootOf;
    private readonly Dictionary<int, ulong> closureReferrers = [];
    private readonly WalkQueue pending = new();
    private readonly Stopwatch watch = new();
    private readonly List<ulong> windowWords = [];
    private byte[]? buffer;
    private TimeSpan lastReport;
    private long marked;

    public HeapGraphWalker(TargetMemory memory, SpanTable spans, PointerBitmap bitmap, ViewCatalog views, ClosureLayouts closures, IProgress<CommandProgress>? progress)
    {
        this.memory = memory;
        this.spans = spans;
        this.bitmap = bitmap;
        this.views = views;
        this.closures = closures;
        this.progress = progress;
        if ((int)Enum.GetValues<HeapEdgeKind>().Max() >= 1 << (8 - EdgeShift))
        {
            throw new InvalidOperationException("HeapEdgeKind has outgrown the 4 bits the walk keeps it in");
        }

        flags = new byte[spans.SlotCount];
        viewOf = new int[spans.SlotCount];
        rootOf = new int[spans.SlotCount];
        Array.Fill(viewOf, -1);
    }

    /// <summary>Every edge between reached objects, when the walk was asked to keep them.</summary>
    public HeapGraph? Graph { get; init; }

    /// <summary>
    /// Addresses of pointer words the walk must not follow (the goroutine-leak check hides what
    /// blocked goroutines' sudogs point at, as Go 1.26's collector does in its leak-detection cycle).
    /// </summary>
    public IReadOnlySet<ulong>? HiddenWords { get; init; }

    /// <summary>How many objects are marked.</summary>
    public long MarkedCount => marked;

    /// <summary>Walks from the roots and counts what it reached.</summary>
    public async Task<HeapWalkResult> WalkAsync(RootSet roots, CancellationToken cancellationToken)
    {
        AddRoots(roots.Words);
        AddRootContents(roots.ObjectContents);
        await DrainAsync(cancellationToken);
        return HeapWalkCounter.Count(this, spans, views, roots, watch.Elapsed, memory.BytesRead);
    }

    /// <summary>Marks what root words point at (scanning waits for <see cref="DrainAsync"/>).</summary>
    public void AddRoots(IEnumerable<RootWord> words)
    {
        watch.Start();
        foreach (var word in words)
        {
            var slot = spans.FindSlot(word.Value, out var span);
            if (slot >= 0)
            {
                Graph?.AddRootEdge(word.Root, slot, word.Address);
                Visit(slot, span!, word.Value, word.Hint, word.Root, word.Address);
            }
        }
    }

    /// <summary>Queues objects whose contents are roots, without marking them.</summary>
    public void AddRootContents(IEnumerable<(int Slot, int Root)> contents)
    {
        foreach (var (slot, root) in contents)
        {
            pending.Enqueue(new WalkJob(slot, root));
        }
    }

    /// <summary>Whether the object in <paramref name="slot"/> is marked.</summary>
    public bool IsMarked(int slot) => (flags[slot] & Marked) != 0;

    /// <summary>The view an object is counted under, or -1.</summary>
    public int ViewOf(int slot) => viewOf[slot];

    /// <summary>The root that reached an object first.</summary>
    public int RootOf(int slot) => rootOf[slot];

    /// <summary>How the reference that reached an object first held it (a <see cref="HeapEdgeKind"/>).</summary>
    public byte EdgeOf(int slot) => (byte)(flags[slot] >> EdgeShift);

    /// <summary>Scans everything marked and not yet scanned, and what that marks, until nothing is left.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        watch.Start();
        var words = new List<ulong>();
        var batch = new List<(WalkJob Job, HeapSpan Span, int Index, ulong Base)>();
        var described = new List<(WalkJob Job, HeapSpan Span, ulong Base, ulong DataOffset, ulong[] Words)>();
        var ranges = new List<(ulong, ulong)>();
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            batch.Clear();
            ranges.Clear();
            long bytes = 0;
            while (batch.Count < BatchObjects && bytes < BatchBytes && pending.TryDequeue(out var job))
            {
                var (span, index) = spans.Locate(job.Slot);
                var slotBase = span.SlotAddress(index);
                batch.Add((job, span, index, slotBase));
                if (Windowed(span))
                {
                    continue; // read a window at a time when its turn comes
                }

                bitmap.AddMetadataRanges(span, slotBase, 0, span.ElementSize, ranges);
                if (span.SizeClass != 0)
                {
                    ranges.Add((slotBase, span.ElementSize));
                    bytes += (long)span.ElementSize;
                }
            }

            await memory.FetchAsync(ranges, cancellationToken);

            // What each object's pointer words are; large objects are read only up to their last one.
            described.Clear();
            ranges.Clear();
            foreach (var (job, span, index, slotBase) in batch)
            {
                if (Windowed(span))
                {
                    described.Add((job, span, slotBase, 0, []));
                    continue;
                }

                if (await DescribeAsync(span, slotBase, 0, span.ElementSize, words, cancellationToken) is not { } pointers)
                {
                    continue; // metadata that cannot be read: the object is counted, not scanned
                }

                await TypeByHeaderAsync(job, span, pointers, cancellationToken);
                if (words.Count > 0)
                {
                    described.Add((job, span, slotBase, pointers.DataOffset, [.. words]));
                    if (span.SizeClass == 0)
                    {
                        ranges.Add((slotBase, ScanLength(span, words[^1])));
                    }
                }
            }

            await memory.FetchAsync(ranges, cancellationToken);
            foreach (var (job, span, slotBase, dataOffset, pointerWords) in described)
            {
                if (Windowed(span))
                {
                    await ScanWindowsAsync(job, span, slotBase, cancellationToken);
                }
                else
                {
                    await ScanAsync(job, span, slotBase, dataOffset, pointerWords, cancellationToken);
                }
            }

            Report();
        }
    }

    // The cache may have dropped what the batch fetched before it is used: a heap larger than the
    // cache, the batch's own second fetch or a type read in between pushes the oldest blocks out. So
    // a miss is fetched again; only what cannot be read even then is left unscanned. (Taking a miss for
    // unreadable once lost half of a 10^6-object heap under a 16 MiB cache.)
    private async ValueTask<ObjectPointers?> DescribeAsync(HeapSpan span, ulong slotBase, ulong from, ulong to, List<ulong> words, CancellationToken cancellationToken)
    {
        words.Clear();
        try
        {
            return await bitmap.DescribeAsync(span, slotBase, from, to, words, cancellationToken);
        }
        catch (TargetMemoryException)
        {
            var again = new List<(ulong, ulong)>();
            bitmap.AddMetadataRanges(span, slotBase, from, to, again);
            if (span.SizeClass != 0)
            {
                again.Add((slotBase, span.ElementSize));
            }

            await memory.FetchAsync(again, cancellationToken);
        }

        words.Clear();
        try
        {
            return await bitmap.DescribeAsync(span, slotBase, from, to, words, cancellationToken);
        }
        catch (TargetMemoryException)
        {
            return null;
        }
    }

    // Holds the object being scanned, or the window of a large one: objects up to a window's size are read whole.
    private byte[] Buffer => buffer ??= new byte[WindowBytes + (2 * WindowMargin)];

    private static bool Windowed(HeapSpan span) => span.SizeClass == 0 && span.ElementSize > WindowBytes && !span.Noscan;

    private async ValueTask TypeByHeaderAsync(WalkJob job, HeapSpan span, ObjectPointers pointers, CancellationToken cancellationToken)
    {
        if (pointers.HeaderType is { } type && job.RootContents < 0 && Strength(job.Slot) < Header)
        {
            var headerView = await views.FromRuntimeTypeAsync(type, span.ElementSize - pointers.DataOffset, cancellationToken);
            if (viewOf[job.Slot] < 0 || views[headerView].Shape is not null)
            {
                SetView(job.Slot, headerView, Header);
            }
        }
    }

    // A large object a window at a time: its metadata and bytes for the window (with a margin either
    // side), its pointer words there, and their scan, before the next window is read into the same buffer.
    private async Task ScanWindowsAsync(WalkJob job, HeapSpan span, ulong slotBase, CancellationToken cancellationToken)
    {
        var window = Buffer;
        var dataOffset = bitmap.DataOffset(span);
        var ranges = new List<(ulong, ulong)>();
        for (var from = 0UL; from < span.ElementSize; from += WindowBytes)
        {
            var to = Math.Min(span.ElementSize, from + WindowBytes);
            var heldFrom = Math.Max(from, dataOffset + WindowMargin) - WindowMargin;
            var heldTo = Math.Min(span.ElementSize, to + WindowMargin);
            ranges.Clear();
            bitmap.AddMetadataRanges(span, slotBase, from, to, ranges);
            ranges.Add((slotBase + heldFrom, heldTo - heldFrom));
            await memory.FetchAsync(ranges, cancellationToken);
            if (await DescribeAsync(span, slotBase, from, to, windowWords, cancellationToken) is not { } pointers)
            {
                return; // metadata that cannot be read: the rest of the object is counted, not scanned
            }

            if (from == 0)
            {
                await TypeByHeaderAsync(job, span, pointers, cancellationToken);
            }

            if (windowWords.Count > 0)
            {
                var heldLength = (int)(heldTo - heldFrom);
                if (!memory.TryCopyTo(slotBase + heldFrom, window.AsSpan(0, heldLength)))
                {
                    // Dropped from the cache since the fetch (see DescribeAsync): fetch it again.
                    await memory.FetchAsync([(slotBase + heldFrom, heldTo - heldFrom)], cancellationToken);
                    if (!memory.TryCopyTo(slotBase + heldFrom, window.AsSpan(0, heldLength)))
                    {
                        return; // unreadable: counted, not scanned further
                    }
                }

                var data = new ObjectBytes(window, 0, (int)(heldTo - dataOffset), slotBase + dataOffset) { Start = (long)(heldFrom - dataOffset) };
                await ScanBytesAsync(job, span, slotBase, dataOffset, windowWords, data, cancellationToken);
            }

            if (pointers.NoMorePointers)
            {
                return;
            }

            Report();
        }
    }

    private async Task ScanAsync(WalkJob job, HeapSpan span, ulong slotBase, ulong dataOffset, ulong[] pointerWords, CancellationToken cancellationToken)
    {
        // Into the walk's one buffer: the cache reuses its frames, and describing the object's references
        // can read memory (a type descriptor) and so replace the very frame the object was in.
        var scanLength = ScanLength(span, pointerWords[^1]);
        var buffer = Buffer;
        if (!memory.TryCopyTo(slotBase, buffer.AsSpan(0, (int)scanLength)))
        {
            // Dropped from the cache since the batch's fetch (see DescribeAsync): fetch it again.
            await memory.FetchAsync([(slotBase, scanLength)], cancellationToken);
            if (!memory.TryCopyTo(slotBase, buffer.AsSpan(0, (int)scanLength)))
            {
                return; // unreadable: counted, not scanned
            }
        }

        var data = new ObjectBytes(buffer, (int)dataOffset, (int)(scanLength - dataOffset), slotBase + dataOffset);
        await ScanBytesAsync(job, span, slotBase, dataOffset, pointerWords, data, cancellationToken);
    }

    // Marks what the pointer words (indexes from the slot's start) point at, typed by the object's view.
    // `data` holds the object's bytes from its first data byte, or a window of them.
    private async Task ScanBytesAsync(WalkJob job, HeapSpan span, ulong slotBase, ulong dataOffset, IReadOnlyList<ulong> pointerWords, ObjectBytes data, CancellationToken cancellationToken)
    {
        var slot = job.Slot;
        var root = job.RootContents >= 0 ? job.RootContents : rootOf[slot];
        var weak = job.RootContents < 0 && Strength(slot) == Weak;
        if (job.RootContents < 0)
        {
            flags[slot] |= Scanned;
        }

        var view = job.RootContents >= 0 ? -1 : viewOf[slot];
        if (view >= 0 && views[view].Kind == ViewKind.Closure && views[view].Shape is null && data.Length >= 8)
        {
            // A closure context names its function in its first word: learn its captures once per function.
            closureReferrers.Remove(slot, out var referrer);
            var layout = await closures.GetAsync(data.Word(0), referrer, data, cancellationToken);
            view = views.Closure(layout);
            SetView(slot, view, Strength(slot));
        }

        for (var i = 0; i < pointerWords.Count; i++)
        {
            var at = (int)(pointerWords[i] * 8);
            var value = data.Word(at - (long)dataOffset);
            if (value == 0 || (value >= slotBase && value < slotBase + span.ElementSize) || HiddenWords?.Contains(slotBase + (ulong)at) == true)
            {
                continue; // nil, a pointer back into the object itself, or one the caller hides
            }

            var target = spans.FindSlot(value, out var targetSpan);
            if (target < 0)
            {
                continue;
            }

            var hint = view >= 0 && (long)at >= (long)dataOffset
                ? await views.DescribeAsync(views[view], data, at - (long)dataOffset, cancellationToken)
                : Hint.Untyped;
            if (weak)
            {
                hint = hint with { Weak = true };
            }

            if (job.RootContents >= 0)
            {
                Graph?.AddRootEdge(root, target, slotBase + (ulong)at);
            }
            else
            {
                Graph?.AddEdge(slot, target, (uint)at);
            }

            Visit(target, targetSpan!, value, hint, root, slotBase + (ulong)at);
        }
    }

    // Small objects are read whole (a view may need any field: a slice's capacity, a map's dirLen);
    // a large one up to its last pointer word and the slice header's capacity after it.
    private static ulong ScanLength(HeapSpan span, ulong lastPointerWord) =>
        span.SizeClass != 0 ? span.ElementSize : Math.Min(span.ElementSize, (lastPointerWord * 8) + 24);

    private void Visit(int slot, HeapSpan span, ulong pointer, Hint hint, int root, ulong referrer)
    {
        var view = ResolveView(hint, span, slot, pointer);
        var strength = view < 0 ? (byte)0 : hint.Weak ? Weak : Strong;
        if ((flags[slot] & Marked) == 0)
        {
            flags[slot] |= Marked;
            marked++;
            rootOf[slot] = root;
            flags[slot] = (byte)((flags[slot] & ((1 << EdgeShift) - 1)) | ((int)hint.Edge << EdgeShift));
            if (view >= 0)
            {
                SetView(slot, view, strength);
                if (views[view].Kind == ViewKind.Closure)
                {
                    closureReferrers[slot] = referrer;
                }
            }

            if (!span.Noscan)
            {
                pending.Enqueue(new WalkJob(slot));
            }
        }
        else if (view >= 0 && strength > Strength(slot))
        {
            // Reached before with less to go on (untyped, or typed only by a stack slot's variable):
            // count it under the better type, and type its references again.
            SetView(slot, view, strength);
            if (views[view].Kind == ViewKind.Closure)
            {
                closureReferrers[slot] = referrer;
            }

            if ((flags[slot] & Scanned) != 0 && !span.Noscan)
            {
                flags[slot] &= unchecked((byte)~Scanned);
                pending.Enqueue(new WalkJob(slot));
            }
        }
    }

    private byte Strength(int slot) => (byte)((flags[slot] & StrengthMask) >> StrengthShift);

    private void SetView(int slot, int view, byte strength)
    {
        viewOf[slot] = view;
        flags[slot] = (byte)((flags[slot] & ~StrengthMask) | (strength << StrengthShift));
    }

    private int ResolveView(Hint hint, HeapSpan span, int slot, ulong pointer)
    {
        if (hint.View < 0 || hint.Rule == HintRule.None)
        {
            return -1;
        }

        var dataStart = span.SlotAddress(slot - span.FirstSlot) + bitmap.DataOffset(span);
        switch (hint.Rule)
        {
            case HintRule.Anywhere:
                return hint.View;
            case HintRule.AtBase:
                return pointer == dataStart ? hint.View : -1;
            case HintRule.SliceBacking when pointer >= dataStart && views[hint.View].Shape is { Size: > 0 } element:
                var before = (pointer - dataStart) / element.Size;
                return views.Array(hint.View, hint.Capacity + before);
            default:
                return -1;
        }
    }

    private void Report()
    {
        if (progress is not null && watch.Elapsed - lastReport >= ProgressInterval)
        {
            lastReport = watch.Elapsed;
            progress.Report(new CommandProgress(string.Create(CultureInfo.InvariantCulture, $"marked {marked} objects, {pending.Count} to scan, {memory.BytesRead >> 20} MiB read")));
        }
    }
}
