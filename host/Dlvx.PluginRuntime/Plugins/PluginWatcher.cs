namespace Dlvx.PluginRuntime.Plugins;

/// <summary>
/// Watches plugin folders for rebuilt assemblies and reports a change once the writes settle, so a
/// half-written build output is not loaded.
/// </summary>
internal sealed class PluginWatcher : IDisposable
{
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(500);
    private readonly List<FileSystemWatcher> watchers = [];
    private readonly Timer timer;

    /// <summary>Watches <paramref name="paths"/> (those that exist) and calls <paramref name="changed"/> after changes settle.</summary>
    public PluginWatcher(IEnumerable<string> paths, Action changed)
    {
        timer = new Timer(_ => changed(), null, Timeout.Infinite, Timeout.Infinite);
        foreach (var path in paths.Where(Directory.Exists))
        {
            var watcher = new FileSystemWatcher(path) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size };
            watcher.Filters.Add("*.dll");
            watcher.Filters.Add("*.deps.json");
            watcher.Changed += (_, _) => Restart();
            watcher.Created += (_, _) => Restart();
            watcher.Renamed += (_, _) => Restart();
            watcher.Deleted += (_, _) => Restart();
            watcher.EnableRaisingEvents = true;
            watchers.Add(watcher);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var watcher in watchers)
        {
            watcher.Dispose();
        }

        timer.Dispose();
    }

    private void Restart() => timer.Change(Settle, Timeout.InfiniteTimeSpan);
}
