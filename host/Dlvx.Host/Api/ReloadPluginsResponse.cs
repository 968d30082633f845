namespace Dlvx.Host.Api;

/// <summary>
/// The answer to <c>Dlvx.ReloadPlugins</c>: the session looked for plugins again (installed ones
/// re-verified) and loaded only those whose files changed; the others kept running with their state.
/// </summary>
/// <param name="Reloaded">Plugins loaded again or for the first time: <c>NAME OLD -> NEW</c>, or <c>NAME VERSION (new)</c>.</param>
/// <param name="Kept">Plugins left as they were: <c>NAME VERSION</c>.</param>
/// <param name="Removed">Plugins no longer found, unloaded: <c>NAME VERSION</c>.</param>
/// <param name="Failures">Plugins that did not load, each with its path and reason.</param>
internal sealed record ReloadPluginsResponse(IReadOnlyList<string> Reloaded, IReadOnlyList<string> Kept, IReadOnlyList<string> Removed, IReadOnlyList<string> Failures)
{
    /// <summary>What dlvx prints about it: one line.</summary>
    public string Summary =>
        Reloaded.Count == 0 && Removed.Count == 0
            ? "no plugin changed"
            : string.Join("; ", new[]
            {
                Reloaded.Count > 0 ? $"reloaded plugins: {string.Join(", ", Reloaded)}" : "",
                Removed.Count > 0 ? $"unloaded: {string.Join(", ", Removed)}" : "",
                Kept.Count > 0 ? $"kept as they were: {string.Join(", ", Kept)}" : "",
            }.Where(part => part.Length > 0));
}
