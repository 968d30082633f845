using System.IO.Compression;
using System.Text;
using Dlvx.Sdk.Runtime;

namespace Dlvx.PluginRuntime.GoRuntime.Heap;

/// <summary>
/// Writes the reachable heap as a pprof profile (profile.proto, gzipped): one sample per distinct
/// chain from a root down through the types of the objects on each object's shortest path, with
/// sample types inuse_objects and inuse_space, so go tool pprof's top, tree and flame views show what
/// holds the heap. A run of objects of one type (a linked list) is one frame, and chains are cut at
/// 64 frames, so a long list does not make a stack per node.
/// </summary>
internal sealed class PprofWriter(HeapAnalysis analysis, HeapContext heap)
{
    private const int MaxDepth = 64;

    private readonly List<string> strings = [""];
    private readonly Dictionary<string, long> stringIndex = new(StringComparer.Ordinal) { [""] = 0 };
    private readonly Dictionary<string, int> frames = new(StringComparer.Ordinal);
    private readonly List<(int Parent, int Frame, int Depth)> stacks = [];
    private readonly Dictionary<(int, int), int> stackIndex = [];

    public async Task<HeapProfileSummary> WriteAsync(Stream destination, CancellationToken cancellationToken)
    {
        var stackOf = new int[heap.Spans.SlotCount];
        var objects = new Dictionary<int, (long Count, long Bytes)>();
        long totalObjects = 0, totalBytes = 0;
        foreach (var slot in analysis.Order)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (span, _) = heap.Spans.Locate(slot);
            var parent = analysis.Parent(slot);
            var above = parent >= 0 ? stackOf[parent] : Stack(-1, Frame(heap.Roots.Roots[-(parent + 2)].Name));
            var frame = Frame(analysis.TypeName(slot, span));
            var (_, aboveFrame, depth) = stacks[above];
            var stack = aboveFrame == frame || depth >= MaxDepth ? above : Stack(above, frame);
            stackOf[slot] = stack;
            var size = (long)span.ElementSize;
            objects[stack] = objects.TryGetValue(stack, out var sum) ? (sum.Count + 1, sum.Bytes + size) : (1, size);
            totalObjects++;
            totalBytes += size;
        }

        var profile = new MemoryStream();
        Message(profile, 1, ValueType("inuse_objects", "count"));
        Message(profile, 1, ValueType("inuse_space", "bytes"));
        foreach (var (stack, (count, bytes)) in objects)
        {
            var sample = new MemoryStream();
            var locations = new List<ulong>();
            for (var at = stack; at >= 0; at = stacks[at].Parent)
            {
                locations.Add((ulong)stacks[at].Frame + 1); // leaf first, as pprof stacks go
            }

            Packed(sample, 1, locations);
            Packed(sample, 2, [(ulong)count, (ulong)bytes]);
            Message(profile, 2, sample.ToArray());
        }

        foreach (var (name, frame) in frames)
        {
            var line = new MemoryStream();
            Varint(line, 1, (ulong)frame + 1);
            var location = new MemoryStream();
            Varint(location, 1, (ulong)frame + 1);
            Message(location, 4, line.ToArray());
            Message(profile, 4, location.ToArray());

            var function = new MemoryStream();
            Varint(function, 1, (ulong)frame + 1);
            Varint(function, 2, (ulong)String(name));
            Varint(function, 3, (ulong)String(name));
            Message(profile, 5, function.ToArray());
        }

        Message(profile, 11, ValueType("space", "bytes"));
        foreach (var text in strings)
        {
            Message(profile, 6, Encoding.UTF8.GetBytes(text));
        }

        await using (var gzip = new GZipStream(destination, CompressionLevel.Optimal, leaveOpen: true))
        {
            profile.Position = 0;
            await profile.CopyToAsync(gzip, cancellationToken);
        }

        return new HeapProfileSummary(objects.Count, totalObjects, totalBytes);
    }

    private int Frame(string name)
    {
        if (!frames.TryGetValue(name, out var id))
        {
            frames[name] = id = frames.Count;
        }

        return id;
    }

    private int Stack(int parent, int frame)
    {
        if (!stackIndex.TryGetValue((parent, frame), out var id))
        {
            id = stacks.Count;
            stacks.Add((parent, frame, parent < 0 ? 1 : stacks[parent].Depth + 1));
            stackIndex[(parent, frame)] = id;
        }

        return id;
    }

    private long String(string text)
    {
        if (!stringIndex.TryGetValue(text, out var index))
        {
            index = strings.Count;
            strings.Add(text);
            stringIndex[text] = index;
        }

        return index;
    }

    private byte[] ValueType(string type, string unit)
    {
        var message = new MemoryStream();
        Varint(message, 1, (ulong)String(type));
        Varint(message, 2, (ulong)String(unit));
        return message.ToArray();
    }

    // Protocol buffers' wire format: a key (field << 3 | wire type), then the value.
    private static void Varint(Stream stream, int field, ulong value)
    {
        RawVarint(stream, ((ulong)field << 3) | 0);
        RawVarint(stream, value);
    }

    private static void Message(Stream stream, int field, byte[] body)
    {
        RawVarint(stream, ((ulong)field << 3) | 2);
        RawVarint(stream, (ulong)body.Length);
        stream.Write(body);
    }

    private static void Packed(Stream stream, int field, IEnumerable<ulong> values)
    {
        var body = new MemoryStream();
        foreach (var value in values)
        {
            RawVarint(body, value);
        }

        Message(stream, field, body.ToArray());
    }

    private static void RawVarint(Stream stream, ulong value)
    {
        while (value >= 0x80)
        {
            stream.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        stream.WriteByte((byte)value);
    }
}
