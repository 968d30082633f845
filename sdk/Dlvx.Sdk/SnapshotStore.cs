namespace Dlvx.Sdk;

/// <summary>
/// Named snapshots a plugin keeps for the session, for commands that compare the target now with
/// before (<c>heap-stats snapshot</c> / <c>heap-stats diff</c>). Safe to use from concurrent commands.
/// </summary>
/// <remarks>
/// Commands run in a fresh DI scope each time, so a store that outlives one invocation must be a
/// singleton: register one per snapshot type in the plugin's <see cref="IPluginStartup"/>, and take
/// it in the commands' constructors.
/// <code>
/// public void ConfigureServices(IServiceCollection services) =>
///     services.AddSingleton(new SnapshotStore&lt;HeapSnapshot&gt;("heap-stats snapshot"));
/// </code>
/// </remarks>
/// <typeparam name="T">What a snapshot holds.</typeparam>
public sealed class SnapshotStore<T>
    where T : class
{
    private readonly Lock gate = new();
    private readonly List<(string Name, T Snapshot)> snapshots = [];
    private readonly string takeCommand;
    private int unnamed;

    /// <summary>Creates an empty store.</summary>
    /// <param name="takeCommand">The command that takes a snapshot, named in errors: <c>no snapshots yet; take one with 'heap-stats snapshot [NAME]'</c>.</param>
    public SnapshotStore(string takeCommand)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(takeCommand);
        this.takeCommand = takeCommand;
    }

    /// <summary>How many snapshots are kept.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return snapshots.Count;
            }
        }
    }

    /// <summary>The snapshots' names, oldest first.</summary>
    public IReadOnlyList<string> Names
    {
        get
        {
            lock (gate)
            {
                return [.. snapshots.Select(s => s.Name)];
            }
        }
    }

    /// <summary>The most recent snapshot, or <see langword="null"/> when there is none.</summary>
    public T? Latest
    {
        get
        {
            lock (gate)
            {
                return snapshots.Count == 0 ? null : snapshots[^1].Snapshot;
            }
        }
    }

    /// <summary>A name for a snapshot taken without one: <c>s1</c>, <c>s2</c>... skipping names in use.</summary>
    public string NextName()
    {
        lock (gate)
        {
            string name;
            do
            {
                name = $"s{++unnamed}";
            }
            while (snapshots.Exists(s => s.Name == name));
            return name;
        }
    }

    /// <summary>Keeps a snapshot as the most recent one, replacing one of the same name (as a re-taken checkpoint would).</summary>
    /// <param name="name">Its name.</param>
    /// <param name="snapshot">The snapshot.</param>
    public void Put(string name, T snapshot)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (gate)
        {
            snapshots.RemoveAll(s => s.Name == name);
            snapshots.Add((name, snapshot));
        }
    }

    /// <summary>The snapshot named <paramref name="name"/>, or <see langword="null"/>.</summary>
    /// <param name="name">The name.</param>
    public T? Find(string name)
    {
        lock (gate)
        {
            return snapshots.Find(s => s.Name == name).Snapshot;
        }
    }

    /// <summary>
    /// The snapshot a user named, or the most recent one when <paramref name="name"/> is null; the
    /// error the user sees otherwise.
    /// </summary>
    /// <param name="name">The name the user gave, or null.</param>
    /// <exception cref="CommandException">There is no such snapshot (or none at all); the message says which exist.</exception>
    public T Get(string? name)
    {
        lock (gate)
        {
            if (snapshots.Count == 0)
            {
                throw new CommandException($"no snapshots yet; take one with '{takeCommand} [NAME]'");
            }

            return name is null
                ? snapshots[^1].Snapshot
                : snapshots.Find(s => s.Name == name).Snapshot
                    ?? throw new CommandException($"no snapshot named {name}; known: {string.Join(", ", snapshots.Select(s => s.Name))}");
        }
    }
}
