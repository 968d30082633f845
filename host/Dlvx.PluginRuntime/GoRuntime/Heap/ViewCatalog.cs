using Dlvx.Sdk.Runtime;

namespace Dlvx.PluginRuntime.GoRuntime.Heap;

/// <summary>
/// The views the walk has met, interned by name, and what each says of the references in an object:
/// <see cref="DescribeAsync"/> turns a pointer word's offset into the kind of reference it is and the
/// view of what it reaches. The container decides the kind where it tells the story: an object held
/// in a map value, a channel's queue or a closure's captures is reported as held there.
/// </summary>
/// <remarks>
/// Longer than most files on purpose: every kind of view (values, arrays, slices' backing arrays,
/// strings, maps of both layouts, channel buffers, closures, interfaces) is made and described here,
/// because the walk's hot path asks one catalogue for one switch over them; split, each kind would
/// need the interning table and the runtime-type cache passed around.
/// </remarks>
internal sealed class ViewCatalog(TypeShapes shapes, InterfaceTypes interfaces, MapRuntime maps, TypeShape? hchan, GoStructLayout? hchanLayout, ulong sampleAddress)
{
    private readonly List<ObjectView> views = [];
    private readonly Dictionary<(ViewKind, string, ulong), int> interned = [];
    private readonly Dictionary<ulong, int> runtimeTypeViews = [];

    /// <summary>The view with id <paramref name="id"/>.</summary>
    public ObjectView this[int id] => views[id];

    /// <summary>The view counting a string's bytes.</summary>
    public int Bytes => Intern(ViewKind.Bytes, "string bytes");

    /// <summary>The view of a closure context whose function is not known yet.</summary>
    public int AnyClosure => Intern(ViewKind.Closure, "closure");

    /// <summary>The view of one value of <paramref name="typeName"/>.</summary>
    public async ValueTask<int> ValueAsync(string typeName, CancellationToken cancellationToken)
    {
        var name = TypeNames.Normalize(typeName);
        if (interned.TryGetValue((ViewKind.Value, name, 1), out var id))
        {
            return id;
        }

        var shape = await shapes.GetAsync(name, sampleAddress, cancellationToken);
        return Intern(ViewKind.Value, name, 1, shape.Opaque ? null : shape);
    }

    /// <summary>The view of an array of <paramref name="count"/> values of the element view's type.</summary>
    public int Array(int elementView, ulong count)
    {
        var element = views[elementView];
        return Intern(ViewKind.Array, TypeNames.Array(count, element.Name), count, element.Shape);
    }

    /// <summary>The view of a closure context of the given function and layout.</summary>
    public int Closure(ClosureLayout layout) => Intern(ViewKind.Closure, "closure " + layout.Function, 1, layout.Captures.Opaque ? null : layout.Captures);

    /// <summary>
    /// The view of an object known only by the type its malloc header names (Go 1.22+): laid out by
    /// Delve where the runtime's name is one Delve knows, else counted under the name alone. An
    /// allocation with room for several values is an array of them.
    /// </summary>
    public async ValueTask<int> FromRuntimeTypeAsync(RuntimeType type, ulong dataBytes, CancellationToken cancellationToken)
    {
        var count = type.Size == 0 ? 1 : Math.Max(1, dataBytes / type.Size);
        var key = type.Address ^ (count << 48);
        if (runtimeTypeViews.TryGetValue(key, out var known))
        {
            return known;
        }

        int view;
        if (type.Name.Length == 0)
        {
            view = Intern(ViewKind.Named, $"<runtime type at 0x{type.Address:x}>");
        }
        else
        {
            var element = await ValueAsync(type.Name, cancellationToken);
            view = views[element].Shape is null ? Intern(ViewKind.Named, count > 1 ? TypeNames.Array(count, type.Name) : type.Name)
                : count > 1 ? Array(element, count) : element;
        }

        runtimeTypeViews[key] = view;
        return view;
    }

    /// <summary>
    /// What the pointer word at <paramref name="offset"/> of an object seen as <paramref name="view"/>
    /// refers to. <paramref name="data"/> holds the object's bytes from its first data byte.
    /// </summary>
    public async ValueTask<Hint> DescribeAsync(ObjectView view, ObjectBytes data, long offset, CancellationToken cancellationToken)
    {
        switch (view.Kind)
        {
            case ViewKind.Value when view.Shape is { } shape:
                return await DescribeShapeAsync(shape, data, offset, Container.Field, cancellationToken);
            case ViewKind.Array when view.Shape is { Size: > 0 } element:
                var elementStart = offset / (long)element.Size * (long)element.Size;
                return (await DescribeShapeAsync(element, data, offset - elementStart, Container.Element, cancellationToken, elementStart)) with { Index = offset / (long)element.Size };
            case ViewKind.Closure when view.Shape is { } captures:
                return await DescribeShapeAsync(captures, data, offset, Container.Closure, cancellationToken);
            case ViewKind.Closure:
                return new Hint(HeapEdgeKind.Closure);
            case ViewKind.Channel when hchan is not null && hchanLayout is not null:
                return await DescribeChannelAsync(view, data, offset, cancellationToken);
            case ViewKind.ChannelBuffer when view.Shape is { Size: > 0 } queued:
                var slot = offset / (long)queued.Size * (long)queued.Size;
                return (await DescribeShapeAsync(queued, data, offset - slot, Container.ChannelBuffer, cancellationToken, slot)) with { Index = offset / (long)queued.Size };
            case ViewKind.ClassicMap or ViewKind.ClassicBuckets or ViewKind.ClassicMapExtra or ViewKind.ClassicOverflowList or ViewKind.ClassicOverflowArray:
                return await DescribeClassicMapAsync(view, data, offset, cancellationToken);
            case ViewKind.SwissMap or ViewKind.SwissDirectory or ViewKind.SwissTable or ViewKind.SwissGroups:
                return await DescribeSwissMapAsync(view, data, offset, cancellationToken);
            default:
                return Hint.Untyped;
        }
    }

    private enum Container
    {
        Field,
        Element,
        MapKey,
        MapValue,
        ChannelBuffer,
        Closure,
    }

    // `at` is the offset within a value of `shape` laid out at data + valueStart.
    private async ValueTask<Hint> DescribeShapeAsync(TypeShape shape, ObjectBytes data, long at, Container container, CancellationToken cancellationToken, long valueStart = 0)
    {
        if (shape.At((int)at) is not var (reference, start))
        {
            return new Hint(ContainerEdge(container, HeapEdgeKind.Untyped));
        }

        var absoluteStart = valueStart + start;
        var hint = await ShapeHintAsync(reference, data, absoluteStart, container, cancellationToken);
        return hint with { Label = reference.Name };
    }

    private async ValueTask<Hint> ShapeHintAsync(Reference reference, ObjectBytes data, long absoluteStart, Container container, CancellationToken cancellationToken)
    {
        switch (reference.Kind)
        {
            case ReferenceKind.Pointer:
                return new Hint(ContainerEdge(container, container == Container.Element ? HeapEdgeKind.Element : HeapEdgeKind.Field), HintRule.AtBase, await ValueAsync(reference.TargetType, cancellationToken));
            case ReferenceKind.Slice:
                return new Hint(ContainerEdge(container, HeapEdgeKind.Slice), HintRule.SliceBacking, await ValueAsync(reference.TargetType, cancellationToken), data.Word(absoluteStart + 16));
            case ReferenceKind.String:
                return new Hint(ContainerEdge(container, HeapEdgeKind.String), HintRule.Anywhere, Bytes);
            case ReferenceKind.Map:
                return new Hint(ContainerEdge(container, HeapEdgeKind.Field), HintRule.AtBase, await MapViewAsync(reference.TargetType, cancellationToken));
            case ReferenceKind.Chan:
                return new Hint(ContainerEdge(container, HeapEdgeKind.Field), HintRule.AtBase, await ChannelViewAsync(reference.TargetType, cancellationToken));
            case ReferenceKind.Func:
                return new Hint(ContainerEdge(container, HeapEdgeKind.Closure), HintRule.AtBase, AnyClosure);
            case ReferenceKind.UnsafePointer:
                return new Hint(ContainerEdge(container, HeapEdgeKind.UnsafePointer));
            case ReferenceKind.Interface:
                var typeWord = data.Word(absoluteStart);
                var dynamic = typeWord == 0 ? null : await interfaces.ResolveAsync(reference.TargetType, data.Address + (ulong)absoluteStart, typeWord, cancellationToken);
                if (dynamic is null)
                {
                    return new Hint(ContainerEdge(container, HeapEdgeKind.Interface));
                }

                if (!dynamic.Direct)
                {
                    return new Hint(ContainerEdge(container, HeapEdgeKind.Interface), HintRule.AtBase, await ValueAsync(dynamic.Name, cancellationToken));
                }

                // A pointer-shaped value is the data word itself: it refers as a value of its type at offset 0 would.
                var inner = await DescribeShapeAsync(await shapes.GetAsync(dynamic.Name, sampleAddress, cancellationToken), data, 0, Container.Field, cancellationToken);
                return inner with { Edge = ContainerEdge(container, HeapEdgeKind.Interface) };
            default:
                return new Hint(ContainerEdge(container, HeapEdgeKind.Untyped));
        }
    }

    private static HeapEdgeKind ContainerEdge(Container container, HeapEdgeKind own) => container switch
    {
        Container.MapKey => HeapEdgeKind.MapKey,
        Container.MapValue => HeapEdgeKind.MapValue,
        Container.ChannelBuffer => HeapEdgeKind.ChannelBuffer,
        Container.Closure => HeapEdgeKind.Closure,
        _ => own,
    };

    private async ValueTask<Hint> DescribeChannelAsync(ObjectView view, ObjectBytes data, long offset, CancellationToken cancellationToken)
    {
        if (offset == (long)hchanLayout!.Field("buf").Offset && view.Shape is { } element)
        {
            // The buffer is a separate allocation only when elements hold pointers (makechan); it
            // holds dataqsiz elements, the queued ones among them.
            var count = Math.Max(1, data.Word((long)hchanLayout.Field("dataqsiz").Offset));
            return new Hint(HeapEdgeKind.ChannelBuffer, HintRule.AtBase, Intern(ViewKind.ChannelBuffer, $"{TypeNames.Array(count, element.Name)} (chan buffer)", count, element));
        }

        return await DescribeShapeAsync(hchan!, data, offset, Container.Field, cancellationToken);
    }

    private async ValueTask<int> ChannelViewAsync(string chanType, CancellationToken cancellationToken)
    {
        var element = chanType.StartsWith("chan<- ", StringComparison.Ordinal) ? chanType[7..]
            : chanType.StartsWith("<-chan ", StringComparison.Ordinal) ? chanType[7..]
            : chanType.StartsWith("chan ", StringComparison.Ordinal) ? chanType[5..]
            : "";
        if (interned.TryGetValue((ViewKind.Channel, "chan " + element, 1), out var known))
        {
            return known;
        }

        var shape = element.Length == 0 ? null : await shapes.GetAsync(element, sampleAddress, cancellationToken);
        return Intern(ViewKind.Channel, "chan " + element, 1, shape is { Opaque: false } ? shape : null);
    }

    private async ValueTask<int> MapViewAsync(string mapType, CancellationToken cancellationToken)
    {
        var name = TypeNames.Normalize(mapType);
        if (interned.TryGetValue((maps.Classic ? ViewKind.ClassicMap : ViewKind.SwissMap, name, 1), out var known))
        {
            return known;
        }

        var types = await MapTypesAsync(name, cancellationToken);
        if (types is null)
        {
            return Intern(ViewKind.Named, name + " header");
        }

        return maps.Classic
            ? Intern(ViewKind.ClassicMap, $"hash<{types.Arguments}>", 1, null, types)
            : maps.Swiss ? Intern(ViewKind.SwissMap, $"map<{types.Arguments}>", 1, null, types) : Intern(ViewKind.Named, name + " header");
    }

    private async ValueTask<MapTypes?> MapTypesAsync(string mapType, CancellationToken cancellationToken)
    {
        if (MapKeyAndElement(mapType) is not [var keyType, var elementType])
        {
            return null;
        }

        var key = await shapes.GetAsync(keyType, sampleAddress, cancellationToken);
        var element = await shapes.GetAsync(elementType, sampleAddress, cancellationToken);
        if (key.Opaque || element.Opaque)
        {
            return null;
        }

        return new MapTypes(mapType, Slot(key, keyType), Slot(element, elementType));

        static TypeShape Slot(TypeShape shape, string typeName) => shape.Size > MapTypes.MaxInlineSize
            ? new TypeShape("*" + shape.Name, 8, 8, [new Reference(0, ReferenceKind.Pointer, typeName)])
            : shape;
    }

    private async ValueTask<Hint> DescribeClassicMapAsync(ObjectView view, ObjectBytes data, long offset, CancellationToken cancellationToken)
    {
        var types = view.Map!;
        var buckets = Intern(ViewKind.ClassicBuckets, $"bucket<{types.Arguments}>", 1, null, types);
        switch (view.Kind)
        {
            case ViewKind.ClassicMap:
                var hmap = maps.Hmap!;
                if (offset == (long)hmap.Field("buckets").Offset || offset == (long)hmap.Field("oldbuckets").Offset)
                {
                    return new Hint(HeapEdgeKind.MapInternal, HintRule.AtBase, buckets);
                }

                return offset == (long)hmap.Field("extra").Offset
                    ? new Hint(HeapEdgeKind.MapInternal, HintRule.AtBase, Intern(ViewKind.ClassicMapExtra, "runtime.mapextra", 1, null, types))
                    : new Hint(HeapEdgeKind.MapInternal);
            case ViewKind.ClassicBuckets:
                var bucketSize = (long)types.ClassicBucketSize;
                var bucket = offset / bucketSize * bucketSize;
                var within = offset - bucket;
                if (within == (long)types.ClassicOverflowOffset)
                {
                    return new Hint(HeapEdgeKind.MapInternal, HintRule.AtBase, buckets);
                }

                if (within >= (long)types.ClassicElementsOffset && types.Element.Size > 0)
                {
                    var elementStart = bucket + (long)types.ClassicElementsOffset + ((within - (long)types.ClassicElementsOffset) / (long)types.Element.Size * (long)types.Element.Size);
                    return await DescribeShapeAsync(types.Element, data, offset - elementStart, Container.MapValue, cancellationToken, elementStart);
                }

                if (within >= (long)types.ClassicKeysOffset && types.Key.Size > 0)
                {
                    var keyStart = bucket + (long)types.ClassicKeysOffset + ((within - (long)types.ClassicKeysOffset) / (long)types.Key.Size * (long)types.Key.Size);
                    return await DescribeShapeAsync(types.Key, data, offset - keyStart, Container.MapKey, cancellationToken, keyStart);
                }

                return new Hint(HeapEdgeKind.MapInternal);
            case ViewKind.ClassicMapExtra:
                var extra = maps.MapExtra;
                if (extra is not null && (offset == (long)extra.Field("overflow").Offset || offset == (long)extra.Field("oldoverflow").Offset))
                {
                    return new Hint(HeapEdgeKind.MapInternal, HintRule.AtBase, Intern(ViewKind.ClassicOverflowList, $"[]*bucket<{types.Arguments}>", 1, null, types));
                }

                return new Hint(HeapEdgeKind.MapInternal, HintRule.AtBase, buckets);
            case ViewKind.ClassicOverflowList:
                return new Hint(HeapEdgeKind.MapInternal, HintRule.AtBase, Intern(ViewKind.ClassicOverflowArray, $"[]*bucket<{types.Arguments}> backing", 1, null, types));
            default:
                return new Hint(HeapEdgeKind.MapInternal, HintRule.AtBase, buckets);
        }
    }

    private async ValueTask<Hint> DescribeSwissMapAsync(ObjectView view, ObjectBytes data, long offset, CancellationToken cancellationToken)
    {
        var types = view.Map!;
        var groups = Intern(ViewKind.SwissGroups, $"groups<{types.Arguments}>", 1, null, types);
        switch (view.Kind)
        {
            case ViewKind.SwissMap:
                var map = maps.SwissMap!;
                if (offset != (long)map.Field("dirPtr").Offset)
                {
                    return new Hint(HeapEdgeKind.MapInternal);
                }

                // dirLen 0: a small map, whose dirPtr is one group; else a directory of tables.
                var directoryLength = map.Field("dirLen").Read(data.Held);
                return directoryLength == 0
                    ? new Hint(HeapEdgeKind.MapInternal, HintRule.AtBase, Intern(ViewKind.SwissGroups, $"group<{types.Arguments}>", 1, null, types))
                    : new Hint(HeapEdgeKind.MapInternal, HintRule.AtBase, Intern(ViewKind.SwissDirectory, $"directory<{types.Arguments}>", 1, null, types));
            case ViewKind.SwissDirectory:
                return new Hint(HeapEdgeKind.MapInternal, HintRule.AtBase, Intern(ViewKind.SwissTable, $"table<{types.Arguments}>", 1, null, types));
            case ViewKind.SwissTable:
                return new Hint(HeapEdgeKind.MapInternal, HintRule.AtBase, groups);
            default:
                var groupSize = (long)types.SwissGroupSize;
                var group = offset / groupSize * groupSize;
                var within = offset - group - 8;
                if (within < 0 || types.SwissSlotSize == 0)
                {
                    return new Hint(HeapEdgeKind.MapInternal);
                }

                var slotStart = group + 8 + (within / (long)types.SwissSlotSize * (long)types.SwissSlotSize);
                var inSlot = offset - slotStart;
                return inSlot >= (long)types.SwissElementOffset
                    ? await DescribeShapeAsync(types.Element, data, inSlot - (long)types.SwissElementOffset, Container.MapValue, cancellationToken, slotStart + (long)types.SwissElementOffset)
                    : await DescribeShapeAsync(types.Key, data, inSlot, Container.MapKey, cancellationToken, slotStart);
        }
    }

    private int Intern(ViewKind kind, string name, ulong count = 1, TypeShape? shape = null, MapTypes? map = null)
    {
        var key = (kind, name, count);
        if (!interned.TryGetValue(key, out var id))
        {
            id = views.Count;
            views.Add(new ObjectView(id, kind, name, shape, count, map));
            interned[key] = id;
        }

        return id;
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
