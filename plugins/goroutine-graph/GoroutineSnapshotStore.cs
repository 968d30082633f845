namespace Dlvx.Plugins.GoroutineGraph;

/// <summary>Snapshots kept for this session (a plugin singleton).</summary>
public sealed class GoroutineSnapshotStore
{
    private readonly List<GoroutineSnapshot> snapshots = [];

    public void Add(GoroutineSnapshot snapshot)
    {
        lock (snapshots)
        {
            snapshots.RemoveAll(s => s.Name == snapshot.Name);
            snapshots.Add(snapshot);
        }
    }

    public GoroutineSnapshot? Find(string? name)
    {
        lock (snapshots)
        {
            return name is null ? snapshots.LastOrDefault() : snapshots.FirstOrDefault(s => s.Name == name);
        }
    }

    public int Count
    {
        get
        {
            lock (snapshots)
            {
                return snapshots.Count;
            }
        }
    }

    public IReadOnlyList<string> Names
    {
        get
        {
            lock (snapshots)
            {
                return snapshots.Select(s => s.Name).ToList();
            }
        }
    }
}
