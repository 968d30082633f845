using Dlvx.Plugins.HeapStats.Statistics;

namespace Dlvx.Plugins.HeapStats.Snapshots;

/// <summary>
/// The snapshots of this session, kept for as long as the plugin is loaded (a singleton: commands
/// run in a fresh DI scope each time, so only a singleton outlives one invocation).
/// </summary>
public sealed class HeapSnapshotStore
{
    private readonly Lock gate = new();
    private readonly List<HeapSnapshot> snapshots = [];
    private int unnamedCount;

    /// <summary>The snapshots, oldest first.</summary>
    public IReadOnlyList<HeapSnapshot> All
    {
        get
        {
            lock (gate)
            {
                return snapshots.ToArray();
            }
        }
    }

    /// <summary>A name for a snapshot taken without one: s1, s2... skipping names in use.</summary>
    public string NextName()
    {
        lock (gate)
        {
            string name;
            do
            {
                name = $"s{++unnamedCount}";
            }
            while (snapshots.Any(s => s.Name == name));
            return name;
        }
    }

    /// <summary>Adds a snapshot, replacing one of the same name (the newest wins, as with a re-taken checkpoint).</summary>
    public void Put(HeapSnapshot snapshot)
    {
        lock (gate)
        {
            snapshots.RemoveAll(s => s.Name == snapshot.Name);
            snapshots.Add(snapshot);
        }
    }

    /// <summary>Finds a snapshot by name.</summary>
    public HeapSnapshot? Find(string name)
    {
        lock (gate)
        {
            return snapshots.FirstOrDefault(s => s.Name == name);
        }
    }

    /// <summary>The most recent snapshot, or <see langword="null"/>.</summary>
    public HeapSnapshot? Latest
    {
        get
        {
            lock (gate)
            {
                return snapshots.Count == 0 ? null : snapshots[^1];
            }
        }
    }
}
