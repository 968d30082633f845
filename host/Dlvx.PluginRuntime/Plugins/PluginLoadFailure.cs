namespace Dlvx.PluginRuntime.Plugins;

/// <summary>A plugin that could not be loaded, and why.</summary>
/// <param name="Path">The plugin folder or assembly.</param>
/// <param name="Reason">One line saying what went wrong.</param>
internal sealed record PluginLoadFailure(string Path, string Reason)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Path}: {Reason}";
}
