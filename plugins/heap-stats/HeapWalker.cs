using System.Diagnostics;
using System.Globalization;
using Dlvx.Sdk;
using Dlvx.Sdk.Delve;

namespace Dlvx.Plugins.HeapStats;

/// <summary>
/// Walks the heap from the roots (package variables, then every goroutine's frame variables),
/// counting each reachable allocated heap object once, under the static type it was first reached by.
/// </summary>
/// <remarks>
/// Nothing is evaluated per object: layouts come from <see cref="TypeShapes"/> (at most one Eval per
/// type), bytes from <see cref="TargetMemory"/>. The walk runs in rounds: every object whose bytes are
/// cached is scanned at once; the rest wait until one bulk fetch has read all their blocks together.
/// </remarks>
internal sealed class HeapWalker(IDelveClient delve, IProgress<CommandProgress> progress)
{
    private const int MaxFrames = 256;
    private const int StacksInFlight = 16;
    private const int MaxMapEntrySize = 128; // map.go's maxKeySize and maxElemSize: larger ones are stored indirectly

    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    private static readonly LoadConfig RootConfig = new() { FollowPointers = false, MaxVariableRecurse = 0, MaxStringLen = 0, MaxArrayValues = 0, MaxStructFields = 0 };

    private static readonly LoadConfig StructConfig = new() { FollowPointers = false, MaxVariableRecurse = 0, MaxStringLen = 0, MaxArrayValues = 0, MaxStructFields = -1 };

    private readonly TargetMemory memory = new(delve);
    private readonly TypeShapes shapes = new(delve);
    private readonly HashSet<ulong> visited = [];
    private readonly HashSet<(ulong, string)> visitedStatic = [];
    private readonly Dictionary<string, long[]> byType = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long[]> byRoot = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MapLayout?> maps = new(StringComparer.Ordinal);
    private readonly Queue<ScanJob> ready = new();
    private readonly Stopwatch watch = new();
    private HeapIndex heap = null!;
    private FieldLayout? hmap;
    private FieldLayout? mapExtra;
    private long objects;
    private long bytes;
    private TimeSpan lastReport;

    public async Task<HeapWalk> WalkAsync(CancellationToken cancellationToken)
    {
        watch.Start();
        progress.Report(new CommandProgress("reading the heap's spans"));
        heap = await HeapIndex.CreateAsync(delve, memory, cancellationToken);
        progress.Report(new CommandProgress($"{heap.SpanCount} spans in use; listing roots"));
        var roots = await ListRootsAsync(cancellationToken);
        progress.Report(new CommandProgress($"walking from {roots.Count} roots"));

        foreach (var (name, variable) in roots)
        {
            await VisitAsync(new WalkTarget(variable.Addr, variable.Type, WalkTargetKind.Value, 1, name), root: true, cancellationToken);
        }

        var rounds = 0;
        var blocked = new List<ScanJob>();
        while (true)
        {
            while (ready.TryDequeue(out var job))
            {
                var target = job.Target;
                if (memory.TryGet(target.Address, job.Length, out var buffer, out var offset))
                {
                    await ScanAsync(job, buffer, offset, cancellationToken);
                    Report(rounds, ready.Count + blocked.Count);
                }
                else if (!memory.Failed(target.Address, job.Length))
                {
                    blocked.Add(job);
                }
            }

            if (blocked.Count == 0)
            {
                break;
            }

            cancellationToken.ThrowIfCancellationRequested();
            rounds++;
            await memory.FetchAsync(blocked.Select(j => (j.Target.Address, j.Length)), cancellationToken);
            blocked.ForEach(ready.Enqueue);
            blocked.Clear();
        }

        progress.Report(new CommandProgress($"walked {objects} objects in {rounds} rounds, {memory.BytesRead / 1024} KiB read, {shapes.Evals} layouts learned"));
        return new HeapWalk(
            byType.Select(p => new TypeCount(p.Key, p.Value[0], p.Value[1])).ToList(),
            byRoot.Select(p => new RootCount(p.Key, p.Value[0], p.Value[1])).ToList(),
            roots.Count,
            shapes.Unscanned.Keys.Order(StringComparer.Ordinal).ToList(),
            objects,
            bytes,
            watch.Elapsed);
    }

    private void Report(int rounds, int waiting)
    {
        if (watch.Elapsed - lastReport >= ProgressInterval)
        {
            lastReport = watch.Elapsed;
            progress.Report(new CommandProgress($"walked {objects} objects ({bytes / 1024} KiB), round {rounds}, {waiting} to scan"));
        }
    }

    private async Task<List<(string Name, Variable Variable)>> ListRootsAsync(CancellationToken cancellationToken)
    {
        var roots = (await delve.ListPackageVarsAsync("", RootConfig, cancellationToken))
            // The runtime's own globals describe the heap itself (mheap_, allgs...) rather than program data.
            .Where(v => v.Addr != 0 && v.Unreadable.Length == 0 && !v.Name.StartsWith("runtime.", StringComparison.Ordinal))
            .Select(v => (v.Name, v))
            .ToList();

        var goroutines = new List<Goroutine>();
        var start = 0;
        do
        {
            var page = await delve.ListGoroutinesAsync(new ListGoroutinesRequest { Start = start, Count = 1000 }, cancellationToken);
            goroutines.AddRange(page.Goroutines);
            start = page.Nextg;
        }
        while (start > 0);

        // Stacks are independent requests: several in flight; the roots keep goroutine order.
        using var window = new SemaphoreSlim(StacksInFlight);
        var stacks = await Task.WhenAll(goroutines.Select(async goroutine =>
        {
            await window.WaitAsync(cancellationToken);
            try
            {
                return (goroutine.Id, Frames: await delve.StacktraceAsync(goroutine.Id, MaxFrames, RootConfig, cancellationToken));
            }
            finally
            {
                window.Release();
            }
        }));

        foreach (var (id, frames) in stacks)
        {
            for (var i = 0; i < frames.Count; i++)
            {
                var function = frames[i].Function?.Name ?? "?";
                foreach (var variable in (frames[i].Locals ?? []).Concat(frames[i].Arguments ?? []))
                {
                    if (variable.Addr != 0 && variable.Unreadable.Length == 0)
                    {
                        roots.Add((string.Create(CultureInfo.InvariantCulture, $"goroutine {id} frame {i} {function}: {variable.Name}"), variable));
                    }
                }
            }
        }

        return roots;
    }

    // Counts what a reference reaches (once per heap object) and queues it for scanning if it can hold references.
    private async Task VisitAsync(WalkTarget target, bool root, CancellationToken cancellationToken)
    {
        var slot = heap.Find(target.Address);
        if (slot is null)
        {
            // Roots live in data, bss or stacks; other values outside the heap are looked inside (not
            // counted) when they are static data, which can point into the heap too.
            if ((root || heap.IsStatic(target.Address)) && target.Kind is WalkTargetKind.Value or WalkTargetKind.Array && visitedStatic.Add((target.Address, target.Type)))
            {
                var shape = await shapes.GetAsync(target.Type, target.Address, cancellationToken);
                var count = target.Kind == WalkTargetKind.Array ? target.Count : 1;
                if (shape.References.Count > 0 && shape.Size > 0)
                {
                    ready.Enqueue(new ScanJob(target, count * shape.Size, shape));
                }
            }

            return;
        }

        if (!visited.Add(slot.Base))
        {
            return;
        }

        var end = slot.Base + slot.Size;
        var available = end - target.Address;
        switch (target.Kind)
        {
            case WalkTargetKind.Value:
            case WalkTargetKind.Array:
                {
                    var shape = await shapes.GetAsync(target.Type, target.Address, cancellationToken);
                    Count(target.Kind == WalkTargetKind.Array ? TypeShapes.ArrayName(target.Count, shape.Name) : shape.Name, target.Root, slot.Size);
                    var count = target.Kind == WalkTargetKind.Array ? target.Count : 1;
                    if (shape.References.Count > 0 && shape.Size > 0)
                    {
                        ready.Enqueue(new ScanJob(target, Math.Min(count * shape.Size, available), shape));
                    }

                    break;
                }

            case WalkTargetKind.Opaque:
                Count(target.Type, target.Root, slot.Size);
                break;
            case WalkTargetKind.Map:
                {
                    var layout = await MapLayoutAsync(target.Type, target.Address, cancellationToken);
                    Count(layout?.HashName ?? "runtime.hmap", target.Root, slot.Size);
                    hmap ??= FieldLayout.From(await delve.EvalAsync($"*(*runtime.hmap)({target.Address})", EvalScope.Current, StructConfig, cancellationToken));
                    if (layout is not null)
                    {
                        ready.Enqueue(new ScanJob(target, Math.Min((ulong)hmap.FieldNames.Max(hmap.Offset) + 8, available), null));
                    }

                    break;
                }

            case WalkTargetKind.BucketArray:
            case WalkTargetKind.OverflowBucket:
                {
                    var layout = await MapLayoutAsync(target.Type, target.Address, cancellationToken);
                    Count(layout?.BucketName ?? "runtime.bmap", target.Root, slot.Size);
                    if (layout is not null)
                    {
                        // The bucket array is scanned to the end of its allocation: it may hold preallocated
                        // overflow buckets past the 2^B main ones (zeroed until used, so empty to the scan).
                        var length = target.Kind == WalkTargetKind.OverflowBucket ? layout.BucketSize : available / layout.BucketSize * layout.BucketSize;
                        ready.Enqueue(new ScanJob(target, Math.Min(length, available), null));
                    }

                    break;
                }

            case WalkTargetKind.MapExtra:
                Count("runtime.mapextra", target.Root, slot.Size);
                mapExtra ??= FieldLayout.From(await delve.EvalAsync($"*(*runtime.mapextra)({target.Address})", EvalScope.Current, StructConfig, cancellationToken));
                ready.Enqueue(new ScanJob(target, Math.Min((ulong)mapExtra.FieldNames.Max(mapExtra.Offset) + 8, available), null));
                break;
            case WalkTargetKind.OverflowList:
            case WalkTargetKind.OverflowArray:
                {
                    var bucketName = (await MapLayoutAsync(target.Type, target.Address, cancellationToken))?.BucketName ?? "runtime.bmap";
                    Count(target.Kind == WalkTargetKind.OverflowList ? "[]*" + bucketName : TypeShapes.ArrayName(target.Count, "*" + bucketName), target.Root, slot.Size);
                    ready.Enqueue(new ScanJob(target, Math.Min(target.Kind == WalkTargetKind.OverflowList ? 24 : target.Count * 8, available), null));
                    break;
                }

            default:
                break;
        }
    }

    private async Task ScanAsync(ScanJob job, byte[] memory, int offset, CancellationToken cancellationToken)
    {
        var target = job.Target;
        var length = (int)job.Length;
        switch (target.Kind)
        {
            case WalkTargetKind.Value:
            case WalkTargetKind.Array:
                var shape = job.Shape!;
                await CollectArrayAsync(shape, (ulong)length / shape.Size, memory, offset, target.Address, target.Root, cancellationToken);
                break;
            case WalkTargetKind.Map:
                foreach (var field in new[] { "buckets", "oldbuckets" })
                {
                    await VisitWordAsync(memory, offset + hmap!.Offset(field), length - hmap.Offset(field), target with { Kind = WalkTargetKind.BucketArray }, cancellationToken);
                }

                await VisitWordAsync(memory, offset + hmap!.Offset("extra"), length - hmap.Offset("extra"), target with { Kind = WalkTargetKind.MapExtra }, cancellationToken);
                break;
            case WalkTargetKind.BucketArray:
            case WalkTargetKind.OverflowBucket:
                await CollectBucketsAsync(target, memory, offset, length, cancellationToken);
                break;
            case WalkTargetKind.MapExtra:
                foreach (var field in new[] { "overflow", "oldoverflow" })
                {
                    await VisitWordAsync(memory, offset + mapExtra!.Offset(field), length - mapExtra.Offset(field), target with { Kind = WalkTargetKind.OverflowList }, cancellationToken);
                }

                await VisitWordAsync(memory, offset + mapExtra!.Offset("nextOverflow"), length - mapExtra.Offset("nextOverflow"), target with { Kind = WalkTargetKind.OverflowBucket }, cancellationToken);
                break;
            case WalkTargetKind.OverflowList when length >= 24:
                var capacity = LittleEndian.UInt64(memory, offset + 16);
                await VisitWordAsync(memory, offset, length, target with { Kind = WalkTargetKind.OverflowArray, Count = capacity }, cancellationToken);
                break;
            case WalkTargetKind.OverflowArray:
                for (var at = 0; at + 8 <= length; at += 8)
                {
                    await VisitWordAsync(memory, offset + at, length - at, target with { Kind = WalkTargetKind.OverflowBucket }, cancellationToken);
                }

                break;
            default:
                break;
        }
    }

    // Visits the pointer stored at memory[at], as the given target kind.
    private Task VisitWordAsync(byte[] memory, int at, int available, WalkTarget template, CancellationToken cancellationToken)
    {
        if (available < 8)
        {
            return Task.CompletedTask;
        }

        var word = LittleEndian.UInt64(memory, at);
        return word == 0 ? Task.CompletedTask : VisitAsync(template with { Address = word }, root: false, cancellationToken);
    }

    private async Task CollectArrayAsync(TypeShape shape, ulong count, byte[] memory, int offset, ulong address, string root, CancellationToken cancellationToken)
    {
        for (var i = 0UL; i < count; i++)
        {
            await CollectAsync(shape.References, memory, offset + (int)(i * shape.Size), address + (i * shape.Size), root, cancellationToken);
        }
    }

    // Follows the references of one value laid out at memory[offset..], which lives at valueAddress.
    private async Task CollectAsync(IReadOnlyList<Reference> references, byte[] memory, int offset, ulong valueAddress, string root, CancellationToken cancellationToken)
    {
        foreach (var reference in references)
        {
            var at = offset + reference.Offset;
            if (reference.Kind == ReferenceKind.Array)
            {
                var element = reference.Element!;
                var fits = element.Size == 0 ? 0 : (ulong)Math.Max(0, memory.Length - at) / element.Size;
                await CollectArrayAsync(element, Math.Min(reference.Count, fits), memory, at, valueAddress + (ulong)reference.Offset, root, cancellationToken);
                continue;
            }

            if (at + 8 > memory.Length)
            {
                continue;
            }

            var word = LittleEndian.UInt64(memory, at);
            if (word == 0)
            {
                continue;
            }

            switch (reference.Kind)
            {
                case ReferenceKind.Pointer:
                    await VisitAsync(new WalkTarget(word, reference.TargetType, WalkTargetKind.Value, 1, root), root: false, cancellationToken);
                    break;
                case ReferenceKind.Slice when at + 24 <= memory.Length:
                    var capacity = LittleEndian.UInt64(memory, at + 16);
                    if (capacity > 0)
                    {
                        await VisitAsync(new WalkTarget(word, reference.TargetType, WalkTargetKind.Array, capacity, root), root: false, cancellationToken);
                    }

                    break;
                case ReferenceKind.String when at + 16 <= memory.Length:
                    if (LittleEndian.UInt64(memory, at + 8) > 0)
                    {
                        await VisitAsync(new WalkTarget(word, "string bytes", WalkTargetKind.Opaque, 1, root), root: false, cancellationToken);
                    }

                    break;
                case ReferenceKind.Interface when at + 16 <= memory.Length:
                    var data = LittleEndian.UInt64(memory, at + 8);
                    var interfaceAddress = valueAddress + (ulong)reference.Offset;
                    if (data == 0 || await shapes.DynamicTypeAsync(reference.TargetType, interfaceAddress, word, cancellationToken) is not { } dynamic)
                    {
                        break;
                    }

                    if (dynamic.Direct)
                    {
                        // A pointer-shaped value is the data word itself: scan it in place as a value of its type.
                        var direct = await shapes.GetAsync(dynamic.Name, interfaceAddress + 8, cancellationToken);
                        await CollectAsync(direct.References, memory, at + 8, interfaceAddress + 8, root, cancellationToken);
                    }
                    else
                    {
                        await VisitAsync(new WalkTarget(data, dynamic.Name, WalkTargetKind.Value, 1, root), root: false, cancellationToken);
                    }

                    break;
                case ReferenceKind.Map:
                    await VisitAsync(new WalkTarget(word, reference.TargetType, WalkTargetKind.Map, 1, root), root: false, cancellationToken);
                    break;
                default:
                    break;
            }
        }
    }

    private async Task CollectBucketsAsync(WalkTarget target, byte[] memory, int offset, int length, CancellationToken cancellationToken)
    {
        var layout = (await MapLayoutAsync(target.Type, target.Address, cancellationToken))!;
        var bucketSize = (int)layout.BucketSize;
        for (var bucket = 0; bucket + bucketSize <= length; bucket += bucketSize)
        {
            var at = offset + bucket;
            var address = target.Address + (ulong)bucket;
            for (var i = 0; i < MapLayout.BucketCount; i++)
            {
                if (memory[at + i] < MapLayout.MinTopHash)
                {
                    continue;
                }

                var keyAt = (int)MapLayout.KeysOffset + (i * (int)layout.KeySize);
                var elementAt = (int)layout.ElementsOffset + (i * (int)layout.ElementSize);
                await CollectAsync(layout.Key, memory, at + keyAt, address + (ulong)keyAt, target.Root, cancellationToken);
                await CollectAsync(layout.Element, memory, at + elementAt, address + (ulong)elementAt, target.Root, cancellationToken);
            }

            await VisitWordAsync(memory, at + (int)layout.OverflowOffset, 8, target with { Kind = WalkTargetKind.OverflowBucket }, cancellationToken);
        }
    }

    // The bucket layout of a map type, learned once; null if the map type cannot be parsed.
    private async Task<MapLayout?> MapLayoutAsync(string mapType, ulong sampleAddress, CancellationToken cancellationToken)
    {
        if (maps.TryGetValue(mapType, out var known))
        {
            return known;
        }

        MapLayout? layout = null;
        if (MapKeyAndElement(mapType) is [var keyType, var elementType])
        {
            var key = await shapes.GetAsync(keyType, sampleAddress, cancellationToken);
            var element = await shapes.GetAsync(elementType, sampleAddress, cancellationToken);
            var indirectKey = key.Size > MaxMapEntrySize;
            var indirectElement = element.Size > MaxMapEntrySize;
            var keyName = (indirectKey ? "*" : "") + key.Name;
            var elementName = (indirectElement ? "*" : "") + element.Name;
            layout = new MapLayout(
                indirectKey ? [new Reference(0, ReferenceKind.Pointer, keyType)] : key.References,
                indirectElement ? [new Reference(0, ReferenceKind.Pointer, elementType)] : element.References,
                indirectKey ? 8UL : key.Size,
                indirectElement ? 8UL : element.Size,
                $"hash<{keyName},{elementName}>",
                $"bucket<{keyName},{elementName}>");
        }

        maps[mapType] = layout;
        return layout;
    }

    private void Count(string typeName, string root, ulong size)
    {
        objects++;
        bytes += (long)size;
        foreach (var totals in new[] { Totals(byType, typeName), Totals(byRoot, root) })
        {
            totals[0]++;
            totals[1] += (long)size;
        }
    }

    private static long[] Totals(Dictionary<string, long[]> table, string key)
    {
        if (!table.TryGetValue(key, out var totals))
        {
            table[key] = totals = new long[2];
        }

        return totals;
    }

    // "map[K]V" -> [K, V], minding brackets inside K.
    private static string[] MapKeyAndElement(string mapType)
    {
        if (!mapType.StartsWith("map[", StringComparison.Ordinal))
        {
            return [];
        }

        var depth = 0;
        for (var i = 3; i < mapType.Length; i++)
        {
            depth += mapType[i] == '[' ? 1 : mapType[i] == ']' ? -1 : 0;
            if (depth == 0)
            {
                return [mapType[4..i], mapType[(i + 1)..]];
            }
        }

        return [];
    }
}
