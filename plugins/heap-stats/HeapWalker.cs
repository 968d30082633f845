using System.Collections.Concurrent;
using System.Diagnostics;
using Dlvx.Sdk;
using Dlvx.Sdk.Delve;

namespace Dlvx.Plugins.HeapStats;

/// <summary>
/// Walks the heap from the roots (package variables, then every goroutine's frame variables),
/// breadth first, counting each reachable heap object once under the static type it was reached by.
/// Layouts come from <see cref="TypeShapes"/> (one Eval per type); objects are read with raw
/// memory reads, many in flight at once; nothing is evaluated per object.
/// </summary>
internal sealed class HeapWalker(IDelveClient delve, IProgress<CommandProgress> progress)
{
    private const int ReadsInFlight = 64;
    private const int MaxFrames = 64;
    private const byte MinTopHash = 5; // map.go: tophash values below this mark empty or evacuated slots
    private const int BucketCount = 8;

    private static readonly LoadConfig RootConfig = new() { FollowPointers = false, MaxVariableRecurse = 0, MaxStringLen = 0, MaxArrayValues = 0, MaxStructFields = 0 };

    private static readonly LoadConfig HmapConfig = new() { FollowPointers = false, MaxVariableRecurse = 0, MaxStringLen = 0, MaxArrayValues = 0, MaxStructFields = -1 };

    private readonly TypeShapes shapes = new(delve);
    private readonly ConcurrentDictionary<ulong, bool> visited = new();
    private readonly ConcurrentDictionary<string, long[]> byType = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long[]> byRoot = new(StringComparer.Ordinal);
    private HeapIndex heap = null!;
    private FieldLayout hmap = null!;
    private long objects;
    private long bytes;

    public async Task<HeapWalk> WalkAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        heap = await HeapIndex.CreateAsync(delve, cancellationToken);
        var roots = await ListRootsAsync(cancellationToken);
        progress.Report(new CommandProgress($"walking from {roots.Count} roots"));

        var frontier = new List<Target>();
        foreach (var root in roots)
        {
            frontier.AddRange(await ReadRootAsync(root.Variable, root.Name, cancellationToken));
        }

        while (frontier.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var next = new ConcurrentBag<Target>();
            using var window = new SemaphoreSlim(ReadsInFlight);
            await Task.WhenAll(frontier.Select(async target =>
            {
                await window.WaitAsync(cancellationToken);
                try
                {
                    foreach (var found in await VisitAsync(target, cancellationToken))
                    {
                        next.Add(found);
                    }
                }
                finally
                {
                    window.Release();
                }
            }));
            frontier = [.. next];
            progress.Report(new CommandProgress($"walked {Interlocked.Read(ref objects)} objects, {frontier.Count} to go"));
        }

        return new HeapWalk(
            byType.Select(p => new TypeCount(p.Key, p.Value[0], p.Value[1])).ToList(),
            byRoot.Select(p => new RootCount(p.Key, p.Value[0], p.Value[1])).ToList(),
            roots.Count,
            shapes.Unscanned.Keys.Order(StringComparer.Ordinal).ToList(),
            objects,
            bytes,
            watch.Elapsed);
    }

    private async Task<List<(string Name, Variable Variable)>> ListRootsAsync(CancellationToken cancellationToken)
    {
        var roots = (await delve.ListPackageVarsAsync("", RootConfig, cancellationToken))
            // The runtime's own globals describe the heap itself (mheap_, allgs...) rather than program data.
            .Where(v => v.Addr != 0 && v.Unreadable.Length == 0 && !v.Name.StartsWith("runtime.", StringComparison.Ordinal))
            .Select(v => (v.Name, v))
            .ToList();
        var start = 0;
        do
        {
            var page = await delve.ListGoroutinesAsync(new ListGoroutinesRequest { Start = start, Count = 1000 }, cancellationToken);
            foreach (var goroutine in page.Goroutines)
            {
                var frames = await delve.StacktraceAsync(goroutine.Id, MaxFrames, RootConfig, cancellationToken);
                for (var i = 0; i < frames.Count; i++)
                {
                    var function = frames[i].Function?.Name ?? "?";
                    foreach (var variable in (frames[i].Locals ?? []).Concat(frames[i].Arguments ?? []))
                    {
                        if (variable.Addr != 0 && variable.Unreadable.Length == 0)
                        {
                            roots.Add(($"goroutine {goroutine.Id} frame {i} {function}: {variable.Name}", variable));
                        }
                    }
                }
            }

            start = page.Nextg;
        }
        while (start > 0);
        return roots;
    }

    private async Task<List<Target>> ReadRootAsync(Variable root, string rootName, CancellationToken cancellationToken)
    {
        var found = new List<Target>();
        var shape = await shapes.GetAsync(root.Type, root.Addr, cancellationToken);
        if (shape.References.Count == 0 || shape.Size == 0)
        {
            return found;
        }

        var memory = (await delve.ExamineMemoryAsync(root.Addr, (int)shape.Size, cancellationToken)).Bytes.ToArray();
        await CollectAsync(shape.References, memory, 0, root.Addr, rootName, found, cancellationToken);
        return found;
    }

    // Reads the references of one value laid out at memory[offset..] and turns them into targets.
    private async Task CollectAsync(IReadOnlyList<Reference> references, byte[] memory, int offset, ulong valueAddress, string root, List<Target> found, CancellationToken cancellationToken)
    {
        foreach (var reference in references)
        {
            var at = offset + reference.Offset;
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
                    found.Add(new Target(word, reference.TargetType, TargetKind.Value, 1, root));
                    break;
                case ReferenceKind.Slice when at + 24 <= memory.Length:
                    var capacity = LittleEndian.UInt64(memory, at + 16);
                    if (capacity > 0)
                    {
                        found.Add(new Target(word, reference.TargetType, TargetKind.Array, capacity, root));
                    }

                    break;
                case ReferenceKind.String when at + 16 <= memory.Length:
                    found.Add(new Target(word, "string bytes", TargetKind.Opaque, LittleEndian.UInt64(memory, at + 8), root));
                    break;
                case ReferenceKind.Interface when at + 16 <= memory.Length:
                    var data = LittleEndian.UInt64(memory, at + 8);
                    var dynamicType = data == 0 ? null : await shapes.DynamicTypeAsync(reference.TargetType, valueAddress + (ulong)(reference.Offset + offset), word, cancellationToken);
                    if (dynamicType is null)
                    {
                        break;
                    }

                    // A pointer-shaped dynamic value is the data word itself; anything else is boxed behind it.
                    found.Add(dynamicType.StartsWith('*')
                        ? new Target(data, dynamicType[1..], TargetKind.Value, 1, root)
                        : dynamicType.StartsWith("map[", StringComparison.Ordinal)
                            ? new Target(data, dynamicType, TargetKind.Map, 1, root)
                            : new Target(data, dynamicType, TargetKind.Value, 1, root));
                    break;
                case ReferenceKind.Map:
                    found.Add(new Target(word, reference.TargetType, TargetKind.Map, 1, root));
                    break;
                default:
                    break;
            }
        }
    }

    private async Task<List<Target>> VisitAsync(Target target, CancellationToken cancellationToken)
    {
        var found = new List<Target>();
        var slot = await heap.FindAsync(target.Address, cancellationToken);
        if (slot is null || !visited.TryAdd(slot.Base, true))
        {
            return found;
        }

        var typeName = target.Kind switch
        {
            TargetKind.Array => TypeShapes.ArrayName(target.Count, target.Type),
            TargetKind.Map => "runtime.hmap",
            TargetKind.Buckets => "bucket<" + string.Join(",", MapKeyAndElement(target.Type)) + ">",
            _ => TypeShapes.Normalize(target.Type),
        };
        Count(typeName, target.Root, (long)slot.Size);

        var offsetInSlot = (int)(target.Address - slot.Base);
        switch (target.Kind)
        {
            case TargetKind.Value:
            case TargetKind.Array:
                var shape = await shapes.GetAsync(target.Type, target.Address, cancellationToken);
                if (shape.References.Count == 0 || shape.Size == 0)
                {
                    break;
                }

                var memory = await ReadAsync(slot, cancellationToken);
                var count = target.Kind == TargetKind.Array ? target.Count : 1;
                for (var i = 0UL; i < count && offsetInSlot + (long)((i + 1) * shape.Size) <= memory.Length; i++)
                {
                    await CollectAsync(shape.References, memory, offsetInSlot + (int)(i * shape.Size), target.Address + (i * shape.Size), target.Root, found, cancellationToken);
                }

                break;
            case TargetKind.Map:
                hmap ??= FieldLayout.From(await delve.EvalAsync($"*(*runtime.hmap)({target.Address})", EvalScope.Current, HmapConfig, cancellationToken));
                var header = await ReadAsync(slot, cancellationToken);
                foreach (var field in new[] { "buckets", "oldbuckets" })
                {
                    var buckets = LittleEndian.UInt64(header, offsetInSlot + hmap.Offset(field));
                    if (buckets != 0)
                    {
                        found.Add(target with { Address = buckets, Kind = TargetKind.Buckets });
                    }
                }

                break;
            case TargetKind.Buckets:
                await CollectBucketsAsync(target, slot, found, cancellationToken);
                break;
            default:
                break;
        }

        return found;
    }

    // A bucket is tophash [8]uint8, keys [8]K, elems [8]V, overflow *bucket (map.go's bmap); keys and
    // elements over 128 bytes are stored as pointers.
    private async Task CollectBucketsAsync(Target target, HeapObject slot, List<Target> found, CancellationToken cancellationToken)
    {
        var (keyType, elementType) = MapKeyAndElement(target.Type) is [var k, var v] ? (k, v) : throw new CommandException($"cannot parse map type {target.Type}");
        var key = await shapes.GetAsync(keyType, target.Address, cancellationToken);
        var element = await shapes.GetAsync(elementType, target.Address, cancellationToken);
        var keyReferences = key.Size > 128 ? [new Reference(0, ReferenceKind.Pointer, keyType)] : key.References;
        var elementReferences = element.Size > 128 ? [new Reference(0, ReferenceKind.Pointer, elementType)] : element.References;
        var keySize = key.Size > 128 ? 8UL : key.Size;
        var elementSize = element.Size > 128 ? 8UL : element.Size;
        var overflowOffset = (BucketCount + (BucketCount * keySize) + (BucketCount * elementSize) + 7) / 8 * 8;
        var bucketSize = overflowOffset + 8;

        var memory = await ReadAsync(slot, cancellationToken);
        for (var bucket = (ulong)(target.Address - slot.Base); bucket + bucketSize <= (ulong)memory.Length; bucket += bucketSize)
        {
            for (var i = 0; i < BucketCount; i++)
            {
                if (memory[(int)bucket + i] < MinTopHash)
                {
                    continue;
                }

                var keyAt = bucket + BucketCount + ((ulong)i * keySize);
                var elementAt = bucket + BucketCount + (BucketCount * keySize) + ((ulong)i * elementSize);
                await CollectAsync(keyReferences, memory, (int)keyAt, slot.Base + keyAt, target.Root, found, cancellationToken);
                await CollectAsync(elementReferences, memory, (int)elementAt, slot.Base + elementAt, target.Root, found, cancellationToken);
            }

            var overflow = LittleEndian.UInt64(memory, (int)(bucket + overflowOffset));
            if (overflow != 0)
            {
                found.Add(target with { Address = overflow });
            }
        }
    }

    private async Task<byte[]> ReadAsync(HeapObject slot, CancellationToken cancellationToken) =>
        (await delve.ExamineMemoryAsync(slot.Base, (int)Math.Min(slot.Size, int.MaxValue), cancellationToken)).Bytes.ToArray();

    private void Count(string typeName, string root, long size)
    {
        Interlocked.Increment(ref objects);
        Interlocked.Add(ref bytes, size);
        foreach (var totals in new[] { byType.GetOrAdd(typeName, _ => new long[2]), byRoot.GetOrAdd(root, _ => new long[2]) })
        {
            Interlocked.Increment(ref totals[0]);
            Interlocked.Add(ref totals[1], size);
        }
    }

    // "map[K]V" -> [K, V], minding brackets inside K.
    private static string[] MapKeyAndElement(string mapType)
    {
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

    private enum TargetKind
    {
        Value,
        Array,
        Opaque,
        Map,
        Buckets,
    }

    private sealed record Target(ulong Address, string Type, TargetKind Kind, ulong Count, string Root);
}
