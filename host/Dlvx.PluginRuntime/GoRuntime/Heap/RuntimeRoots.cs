using System.Globalization;
using Dlvx.Sdk.Runtime;

namespace Dlvx.PluginRuntime.GoRuntime.Heap;

/// <summary>
/// The roots the collector marks besides data, bss and stacks (runtime.markroot): each span's
/// specials (an object with a finalizer keeps what it points to and its finalizer alive, not itself;
/// a weak pointer's handle; a cleanup's function and argument), the queue of finalizers waiting to
/// run, Go 1.26's queue of cleanups, and each P's current tiny-allocation block.
/// </summary>
internal sealed class RuntimeRoots(IRuntimeLayout layout, TargetMemory memory, SpanTable spans, ViewCatalog views)
{
    public async Task AddAsync(RootSet roots, CancellationToken cancellationToken)
    {
        await AddSpecialsAsync(roots, cancellationToken);
        await AddFinalizerQueueAsync(roots, cancellationToken);
        await AddCleanupQueueAsync(roots, cancellationToken);
        await AddTinyBlocksAsync(roots, cancellationToken);
    }

    private async Task AddSpecialsAsync(RootSet roots, CancellationToken cancellationToken)
    {
        var withSpecials = spans.Spans.Where(s => s.Specials != 0).ToList();
        if (withSpecials.Count == 0)
        {
            return;
        }

        var special = await layout.GetStructAsync("runtime.special", cancellationToken);
        var finalizerKind = await layout.FindConstantAsync("runtime._KindSpecialFinalizer", cancellationToken);
        var weakKind = await layout.FindConstantAsync("runtime._KindSpecialWeakHandle", cancellationToken);
        var cleanupKind = await layout.FindConstantAsync("runtime._KindSpecialCleanup", cancellationToken);
        var finalizer = await layout.FindStructAsync("runtime.specialfinalizer", cancellationToken);
        var weak = await layout.FindStructAsync("runtime.specialWeakHandle", cancellationToken);
        var cleanup = await layout.FindStructAsync("runtime.specialCleanup", cancellationToken);

        // The record's own header (the embedded special) is not a root: only the words after it.
        var finalizerWords = finalizer is null ? [] : (await RuntimePointers.OfAsync(layout, finalizer, cancellationToken, 1)).Where(p => p.Name == "fn").ToList();
        var weakWords = weak is null ? [] : await RuntimePointers.OfAsync(layout, weak, cancellationToken, 1);
        var cleanupWords = cleanup is null ? [] : await RuntimePointers.OfAsync(layout, cleanup, cancellationToken, 1);
        var recordSize = (int)new[] { special.Size, finalizer?.Size ?? 0, weak?.Size ?? 0, cleanup?.Size ?? 0 }.Max();

        foreach (var span in withSpecials)
        {
            var seen = new HashSet<ulong>();
            for (var record = span.Specials; record != 0 && seen.Add(record);)
            {
                var bytes = await memory.ReadAsync(record, recordSize, cancellationToken);
                var kind = (long)special.Field("kind").Read(bytes);
                var objectBase = span.Start + (special.Field("offset").Read(bytes) / span.ElementSize * span.ElementSize);
                var target = string.Create(CultureInfo.InvariantCulture, $"0x{objectBase:x}");
                if (kind == finalizerKind)
                {
                    var root = roots.Root("finalizer of " + target, HeapRootKind.Finalizer);
                    AddWords(roots, record, bytes, finalizerWords, root);
                    var slot = spans.FindSlot(objectBase, out _);
                    if (slot >= 0 && !span.Noscan)
                    {
                        roots.ObjectContents.Add((slot, root));
                    }
                }
                else if (kind == weakKind)
                {
                    AddWords(roots, record, bytes, weakWords, roots.Root("weak pointer handle of " + target, HeapRootKind.WeakHandle));
                }
                else if (kind == cleanupKind)
                {
                    AddWords(roots, record, bytes, cleanupWords, roots.Root("cleanup of " + target, HeapRootKind.Cleanup));
                }

                record = special.Field("next").Read(bytes);
            }
        }
    }

    // runtime.allfin: every block of queued finalizers (finblock, finBlock in Go 1.26).
    private async Task AddFinalizerQueueAsync(RootSet roots, CancellationToken cancellationToken)
    {
        var all = await layout.FindGlobalAsync("runtime.allfin", cancellationToken);
        var block = await layout.FindStructAsync("runtime.finBlock", cancellationToken) ?? await layout.FindStructAsync("runtime.finblock", cancellationToken);
        var entry = await layout.FindStructAsync("runtime.finalizer", cancellationToken);
        if (all is null || block is null || entry is null)
        {
            return;
        }

        var words = await RuntimePointers.OfAsync(layout, entry, cancellationToken);
        await AddBlocksAsync(roots, all.Address, block, "alllink", "cnt", "fin", entry.Size, words, "finalizer queue", HeapRootKind.FinalizerQueue, cancellationToken);
    }

    // Go 1.26: runtime.gcCleanups.all, blocks of cleanups waiting to run.
    private async Task AddCleanupQueueAsync(RootSet roots, CancellationToken cancellationToken)
    {
        var queue = await layout.FindGlobalAsync("runtime.gcCleanups", cancellationToken);
        var queueLayout = queue is null ? null : await layout.FindStructAsync(queue.TypeName, cancellationToken);
        var block = await layout.FindStructAsync("runtime.cleanupBlock", cancellationToken);
        var entry = await layout.FindStructAsync("runtime.cleanupFn", cancellationToken);
        if (queue is null || queueLayout?.Find("all") is not { } all || block is null || entry is null)
        {
            return;
        }

        // cleanupBlock embeds a header holding alllink and n.
        var header = block.Fields.FirstOrDefault(f => f.Name == "cleanupBlockHeader");
        var headerLayout = header is null ? null : await layout.FindStructAsync(header.TypeName, cancellationToken);
        if (headerLayout is null)
        {
            return;
        }

        var flat = new GoStructLayout(block.Name, block.Size, [.. headerLayout.Fields.Select(f => f with { Offset = f.Offset + header!.Offset }), .. block.Fields.Where(f => f != header)]);
        var words = await RuntimePointers.OfAsync(layout, entry, cancellationToken);
        await AddBlocksAsync(roots, queue.Address + all.Offset, flat, "alllink", "n", "cleanups", entry.Size, words, "cleanup queue", HeapRootKind.Cleanup, cancellationToken);
    }

    // A linked list of blocks, each holding `count` entries; `first` is where the first block's address is.
    private async Task AddBlocksAsync(RootSet roots, ulong first, GoStructLayout block, string link, string count, string entries, ulong entrySize, List<(ulong Offset, string Name)> words, string name, HeapRootKind kind, CancellationToken cancellationToken)
    {
        var root = roots.Root(name, kind);
        var seen = new HashSet<ulong>();
        for (var address = await memory.ReadWordAsync(first, cancellationToken); address != 0 && seen.Add(address);)
        {
            var bytes = await memory.ReadAsync(address, (int)block.Size, cancellationToken);
            var n = block.Field(count).Read(bytes);
            var start = block.Field(entries).Offset;
            for (var i = 0UL; i < n && start + ((i + 1) * entrySize) <= (ulong)bytes.Length; i++)
            {
                AddWords(roots, address + start + (i * entrySize), bytes.AsSpan((int)(start + (i * entrySize))).ToArray(), words, root);
            }

            address = block.Field(link).Read(bytes);
        }
    }

    // gcMarkTinyAllocs: each P's mcache.tiny, the block tiny allocations are being packed into.
    private async Task AddTinyBlocksAsync(RootSet roots, CancellationToken cancellationToken)
    {
        var allp = await layout.FindGlobalAsync("runtime.allp", cancellationToken);
        var p = await layout.FindStructAsync("runtime.p", cancellationToken);
        var mcache = await layout.FindStructAsync("runtime.mcache", cancellationToken);
        if (allp is null || p?.Find("mcache") is not { } cacheField || mcache?.Find("tiny") is not { } tiny)
        {
            return;
        }

        var header = await memory.ReadAsync(allp.Address, 16, cancellationToken);
        var count = (int)BitConverter.ToUInt64(header, 8);
        var pointers = count == 0 ? [] : await memory.ReadAsync(BitConverter.ToUInt64(header, 0), count * 8, cancellationToken);
        for (var i = 0; i < count; i++)
        {
            var address = BitConverter.ToUInt64(pointers, i * 8);
            var cache = address == 0 ? 0 : await memory.ReadWordAsync(address + cacheField.Offset, cancellationToken);
            var block = cache == 0 ? 0 : await memory.ReadWordAsync(cache + tiny.Offset, cancellationToken);
            if (block != 0 && spans.FindSlot(block, out _) >= 0)
            {
                roots.Words.Add(new RootWord(cache + tiny.Offset, block, roots.Root(string.Create(CultureInfo.InvariantCulture, $"tiny allocator block of P {i}"), HeapRootKind.TinyBlock), Hint.Untyped));
            }
        }
    }

    private void AddWords(RootSet roots, ulong recordAddress, byte[] bytes, List<(ulong Offset, string Name)> words, int root)
    {
        foreach (var (offset, name) in words)
        {
            if (offset + 8 > (ulong)bytes.Length)
            {
                continue;
            }

            var value = BitConverter.ToUInt64(bytes, (int)offset);
            if (value != 0 && spans.FindSlot(value, out _) >= 0)
            {
                // A finalizer's or cleanup's fn is a func value: a closure context.
                var hint = name.EndsWith("fn", StringComparison.Ordinal) ? new Hint(HeapEdgeKind.Closure, HintRule.AtBase, views.AnyClosure) : Hint.Untyped;
                roots.Words.Add(new RootWord(recordAddress + offset, value, root, hint));
            }
        }
    }
}
