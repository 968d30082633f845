namespace Dlvx.Host.Front;

/// <summary>A thread-safe count, shared by every front connection (reported by <c>Dlvx.Stats</c>).</summary>
internal sealed class ConnectionCounter
{
    private long count;

    public long Value => Interlocked.Read(ref count);

    public void Increment() => Interlocked.Increment(ref count);
}
