using System.Buffers.Binary;
using Dlvx.PluginRuntime.GoRuntime.Heap;
using Dlvx.Sdk;
using Dlvx.Sdk.Runtime;

namespace Dlvx.PluginRuntime.GoRuntime.Goroutines;

/// <summary>
/// Which goroutines can never run again (runtime.isMaybeRunnable, Go 1.26's goroutine-leak
/// detector, done from outside the process and for every Go release): mark the heap from every root
/// except the stacks of goroutines blocked on a channel, semaphore or condition variable; a blocked
/// goroutine any of whose objects got marked (or lives outside the heap, in a global or on a stack)
/// may yet run, so its stack becomes a root too; repeat until nothing changes. What is left, and
/// every goroutine blocked on a nil channel or an empty select, is leaked.
/// </summary>
/// <remarks>
/// A blocked goroutine's sudogs point at what it waits on (<c>sudog.c</c>, <c>sudog.elem</c>), and
/// sudogs are reachable from <c>runtime.allgs</c> and <c>runtime.semtable</c>: followed, those
/// pointers would make every waited-on object reachable. Go 1.26 hides them from its leak-detection
/// cycle (<c>maybeTraceablePtr</c>); this walk hides the same words, in every release.
/// </remarks>
internal sealed class LeakFinder(StopView view)
{
    // Wait reasons that can never end (runtime.isMaybeRunnable returns false for them outright).
    private static readonly HashSet<string> Forever = new(StringComparer.Ordinal) { "select (no cases)", "chan send (nil chan)", "chan receive (nil chan)" };

    public async Task<GoroutineLeakReport> FindAsync(IReadOnlyList<GoroutineState> goroutines, IProgress<CommandProgress>? progress, CancellationToken cancellationToken)
    {
        var heap = await view.HeapContextAsync(progress, cancellationToken);
        var waiting = goroutines.Where(g => g.Status is "waiting" or "leaked").ToList();
        var blocked = waiting.Where(g => g.BlockedOn.Count > 0).ToDictionary(g => g.Id);
        var forever = waiting.Where(g => Forever.Contains(g.WaitReason) && g.BlockedOn.Count == 0).ToList();
        var excluded = blocked.Keys.Concat(forever.Select(g => g.Id)).ToHashSet();

        var rootWords = heap.Roots.Words.ToLookup(w => heap.Roots.Roots[w.Root].Goroutine);
        var walker = heap.Walker(progress, keepGraph: false, await SudogPointersAsync(goroutines, cancellationToken));
        walker.AddRoots(heap.Roots.Words.Where(w => !excluded.Contains(heap.Roots.Roots[w.Root].Goroutine)));
        walker.AddRootContents(heap.Roots.ObjectContents);
        await walker.DrainAsync(cancellationToken);

        progress?.Report(new CommandProgress($"{blocked.Count} goroutines blocked on objects; finding which can run again"));
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var goroutine in blocked.Values.ToList())
            {
                if (goroutine.BlockedOn.Any(o => Reachable(o.Address, heap, walker, blocked.Keys)))
                {
                    blocked.Remove(goroutine.Id);
                    walker.AddRoots(rootWords[goroutine.Id]);
                    changed = true;
                }
            }

            if (changed)
            {
                await walker.DrainAsync(cancellationToken);
            }
        }

        var leaked = blocked.Values.Concat(forever).OrderBy(g => g.Id).ToList();
        return new GoroutineLeakReport(goroutines.Count, leaked);
    }
    // The words of every sudog's c and elem fields: the sudogs on goroutines' wait lists and in the semaphore table.
    private async Task<HashSet<ulong>> SudogPointersAsync(IReadOnlyList<GoroutineState> goroutines, CancellationToken cancellationToken)
    {
        var layout = await view.LayoutAsync(cancellationToken);
        var memory = await view.MemoryAsync(cancellationToken);
        var sudog = await SudogLayout.ReadAsync(layout, cancellationToken);
        var waiting = (await layout.GetStructAsync("runtime.g", cancellationToken)).Field("waiting");
        var sudogs = new HashSet<ulong>();
        await SemaphoreWaiters.ReadAsync(layout, memory, sudog, cancellationToken, sudogs);
        foreach (var goroutine in goroutines.Where(g => g.BlockedOn.Count > 0))
        {
            var g = await memory.ReadAsync(goroutine.Address + waiting.Offset, 8, cancellationToken);
            for (var s = BinaryPrimitives.ReadUInt64LittleEndian(g); s != 0 && sudogs.Add(s);)
            {
                s = BinaryPrimitives.ReadUInt64LittleEndian(await memory.ReadAsync(s + sudog.WaitLink, 8, cancellationToken));
            }
        }

        var hidden = new HashSet<ulong>();
        foreach (var field in new[] { sudog.Struct.Field("elem"), sudog.Struct.Field("c") })
        {
            foreach (var s in sudogs)
            {
                for (var offset = field.Offset & ~7UL; offset < field.Offset + field.Size; offset += 8)
                {
                    hidden.Add(s + offset);
                }
            }
        }

        return hidden;
    }

    // As runtime.isMarkedOrNotInHeap: a heap object counts if marked; a global, or anything on a
    // stack of a goroutine that may run, counts as reachable; on a blocked goroutine's stack it does not.
    private static bool Reachable(ulong address, HeapContext heap, HeapGraphWalker walker, IEnumerable<long> stillBlocked)
    {
        var slot = heap.Spans.FindSlot(address, out _);
        if (slot >= 0)
        {
            return walker.IsMarked(slot);
        }

        foreach (var id in stillBlocked)
        {
            if (heap.Roots.Stacks.TryGetValue(id, out var stack) && address >= stack.Bottom && address < stack.High)
            {
                return false;
            }
        }

        return true;
    }
}
