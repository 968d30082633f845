namespace Dlvx.PluginRuntime.GoRuntime.Heap;

/// <summary>
/// The walk's objects waiting to be scanned, first in first out, in 4 bytes each: a slot, or for the
/// few jobs that scan an object as a root (a finalizer's), an index into a side list. Held in
/// segments of 64 KiB, so the queue never copies itself to grow and holds only what waits: at 10^7
/// objects millions do, and a growing array kept twice their room and left the old one as garbage.
/// </summary>
internal sealed class WalkQueue
{
    private const int SegmentLength = 16 * 1024;

    private readonly Queue<int[]> segments = new();
    private readonly List<WalkJob> rootContents = [];
    private int[]? last;
    private int readIndex;
    private int writeIndex;

    public int Count { get; private set; }

    public void Enqueue(WalkJob job)
    {
        var value = job.RootContents < 0 ? job.Slot : -(rootContents.Count + 1);
        if (job.RootContents >= 0)
        {
            rootContents.Add(job);
        }

        if (last is null || writeIndex == SegmentLength)
        {
            last = new int[SegmentLength];
            segments.Enqueue(last);
            writeIndex = 0;
        }

        last[writeIndex++] = value;
        Count++;
    }

    public bool TryDequeue(out WalkJob job)
    {
        if (Count == 0)
        {
            job = default;
            return false;
        }

        var value = segments.Peek()[readIndex++];
        job = value >= 0 ? new WalkJob(value) : rootContents[-value - 1];
        if (--Count == 0)
        {
            segments.Clear();
            rootContents.Clear();
            (last, readIndex, writeIndex) = (null, 0, 0);
        }
        else if (readIndex == SegmentLength)
        {
            segments.Dequeue();
            readIndex = 0;
        }

        return true;
    }
}
