using Dlvx.PluginRuntime.Commands;

namespace Dlvx.PluginRuntime.Plugins;

/// <summary>
/// The loaded plugins and their commands. Loading never stops at a bad plugin: it is reported in
/// <see cref="Failures"/> and the rest still load.
/// </summary>
internal sealed class PluginCatalog : IAsyncDisposable
{
    private readonly Dictionary<string, (CommandDescriptor Command, LoadedPlugin Plugin)> byName = new(StringComparer.Ordinal);
    private readonly int longestName;
    private int activeInvocations;
    private int disposed;

    // Plugins a reload carried over into the next catalog: they live on there, so this one must not dispose them.
    private readonly HashSet<LoadedPlugin> handedOver = [];

    private PluginCatalog(IReadOnlyList<LoadedPlugin> plugins, IReadOnlyList<PluginLoadFailure> failures, IReadOnlyList<LoadedPlugin> kept)
    {
        Plugins = plugins;
        Failures = failures;
        Kept = kept;
        foreach (var plugin in plugins)
        {
            foreach (var command in plugin.Commands)
            {
                foreach (var name in command.Names)
                {
                    byName[name] = (command, plugin);
                    longestName = Math.Max(longestName, name.Count(c => c == ' ') + 1);
                }
            }
        }
    }

    /// <summary>
    /// Serialiser options for the plugins' result objects. Owned by the catalog, not shared: a
    /// shared options instance caches metadata of plugin types and would keep unloaded plugins alive.
    /// </summary>
    public System.Text.Json.JsonSerializerOptions ResultJson { get; } = new();

    /// <summary>The same for <c>--json</c> text (compact; see <see cref="Commands.CommandInvoker.FormatJson(object?, System.Text.Json.JsonSerializerOptions)"/>), owned by the catalog for the same reason.</summary>
    public System.Text.Json.JsonSerializerOptions ResultJsonText { get; } = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Plugins that loaded.</summary>
    public IReadOnlyList<LoadedPlugin> Plugins { get; }

    /// <summary>Plugins that did not, with the reason.</summary>
    public IReadOnlyList<PluginLoadFailure> Failures { get; }

    /// <summary>
    /// The plugins this catalog took over unchanged from the one it reloaded (<see cref="Reload"/>), state
    /// and all; empty for a catalog loaded afresh. The others in <see cref="Plugins"/> were (re)loaded.
    /// </summary>
    public IReadOnlyList<LoadedPlugin> Kept { get; }

    /// <summary>Every command, sorted by name.</summary>
    public IEnumerable<(CommandDescriptor Command, LoadedPlugin Plugin)> Commands =>
        Plugins.SelectMany(p => p.Commands.Select(c => (c, p))).OrderBy(x => x.c.Name, StringComparer.Ordinal);

    /// <summary>Loads every plugin found under <paramref name="paths"/>.</summary>
    public static PluginCatalog Load(IEnumerable<string> paths, PluginHostServices host) => Load(paths, host, previous: null);

    /// <summary>
    /// Loads the plugins under <paramref name="paths"/> again, keeping every plugin of this catalog whose
    /// files have not changed (same main assembly, same <see cref="PluginFingerprint"/>): the same
    /// instance, with its services and the state they hold (snapshots), goes into the new catalog. Only a
    /// changed, new or removed plugin is loaded or dropped. This catalog stays usable for invocations
    /// already running on it; disposing it then disposes only the plugins the new one did not keep.
    /// </summary>
    public PluginCatalog Reload(IEnumerable<string> paths, PluginHostServices host) => Load(paths, host, this);

    private static PluginCatalog Load(IEnumerable<string> paths, PluginHostServices host, PluginCatalog? previous)
    {
        var kept = new List<LoadedPlugin>();
        var failures = new List<PluginLoadFailure>();
        var plugins = new List<LoadedPlugin>();
        var claimed = new Dictionary<string, LoadedPlugin>(StringComparer.Ordinal);
        var seenAssemblies = new HashSet<string>(StringComparer.Ordinal);
        foreach (var assemblyPath in paths.SelectMany(p => PluginDirectory.FindPluginAssemblies(p, failures)))
        {
            if (!seenAssemblies.Add(Path.GetFileName(assemblyPath)))
            {
                failures.Add(new PluginLoadFailure(assemblyPath, $"skipped: a plugin named {Path.GetFileNameWithoutExtension(assemblyPath)} is already loaded from another folder"));
                continue;
            }

            var unchanged = previous?.Unchanged(assemblyPath);
            LoadedPlugin plugin;
            if (unchanged is not null)
            {
                plugin = unchanged;
            }
            else
            {
                try
                {
                    plugin = IsolatedPluginLoader.Load(assemblyPath, host);
                }
                catch (PluginLoadException e)
                {
                    failures.Add(new PluginLoadFailure(assemblyPath, e.Message));
                    continue;
                }
            }

            var conflict = plugin.Commands.SelectMany(c => c.Names).FirstOrDefault(claimed.ContainsKey);
            if (conflict is not null)
            {
                var owner = claimed[conflict];
                failures.Add(new PluginLoadFailure(assemblyPath,
                    $"command '{conflict}' of plugin {plugin.Name} ({plugin.AssemblyPath}) is already claimed by plugin {owner.Name} ({owner.AssemblyPath}); {plugin.Name} was not loaded"));
                if (unchanged is null)
                {
                    // A kept plugin is the previous catalog's to dispose.
                    _ = plugin.DisposeAsync().AsTask();
                }

                continue;
            }

            foreach (var name in plugin.Commands.SelectMany(c => c.Names))
            {
                claimed[name] = plugin;
            }

            plugins.Add(plugin);
            if (unchanged is not null)
            {
                kept.Add(unchanged);
            }
        }

        if (previous is not null)
        {
            lock (previous.handedOver)
            {
                previous.handedOver.UnionWith(kept);
            }
        }

        return new PluginCatalog(plugins, failures, kept);
    }

    /// <summary>Builds a catalog from plugins composed elsewhere (for example in-memory tests).</summary>
    public static PluginCatalog FromPlugins(IReadOnlyList<LoadedPlugin> plugins) => new(plugins, [], []);

    /// <summary>
    /// Finds the command that <paramref name="arguments"/> start with, preferring the deepest
    /// sub-command (<c>heap-stats diff</c>) over its parent.
    /// </summary>
    /// <returns>The command, its plugin, and the arguments after its name; or null.</returns>
    public (CommandDescriptor Command, LoadedPlugin Plugin, IReadOnlyList<string> Arguments)? Resolve(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        for (var words = Math.Min(longestName, arguments.Count); words > 0; words--)
        {
            if (byName.TryGetValue(string.Join(' ', arguments.Take(words)), out var found))
            {
                return (found.Command, found.Plugin, arguments.Skip(words).ToList());
            }
        }

        return null;
    }

    /// <summary>Whether a name is a command's first word (so that clients should route it here).</summary>
    public bool IsRootName(string name) => byName.Keys.Any(k => k == name || k.StartsWith(name + " ", StringComparison.Ordinal));

    /// <summary>Marks an invocation as running on this catalog until the returned lease is disposed.</summary>
    public IDisposable Lease()
    {
        Interlocked.Increment(ref activeInvocations);
        return new InvocationLease(this);
    }

    /// <summary>Disposes the catalog once no invocation uses it any more (or after <paramref name="patience"/>).</summary>
    public async Task DisposeWhenIdleAsync(TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (Volatile.Read(ref activeInvocations) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await DisposeAsync();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        List<LoadedPlugin> own;
        lock (handedOver)
        {
            own = [.. Plugins.Where(p => !handedOver.Contains(p))];
        }

        foreach (var plugin in own)
        {
            await plugin.DisposeAsync();
        }

        // ResultJson goes with this catalog, but System.Text.Json also caches accessors for the
        // plugins' result types process-wide; left there they would keep the unloaded plugins alive.
        JsonSerializerReflectionCache.Clear();
    }

    /// <summary>This catalog's plugin loaded from <paramref name="assemblyPath"/>, if its files are still what was loaded.</summary>
    private LoadedPlugin? Unchanged(string assemblyPath)
    {
        var plugin = Plugins.FirstOrDefault(p => p.Fingerprint.Length > 0 && string.Equals(p.AssemblyPath, Path.GetFullPath(assemblyPath), StringComparison.Ordinal));
        if (plugin is null)
        {
            return null;
        }

        try
        {
            return PluginFingerprint.Compute(assemblyPath) == plugin.Fingerprint ? plugin : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unreadable now: load it again, and let that say why if it fails.
            return null;
        }
    }

    private sealed class InvocationLease(PluginCatalog catalog) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                Interlocked.Decrement(ref catalog.activeInvocations);
            }
        }
    }
}
