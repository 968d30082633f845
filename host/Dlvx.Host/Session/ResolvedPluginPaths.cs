namespace Dlvx.Host.Session;

/// <summary>Where a session loads plugins from, as <see cref="PluginSearchPath.Resolve"/> decided.</summary>
/// <param name="Paths">The plugin folders, in load order.</param>
/// <param name="Shadowed">Installed plugins left out for a <c>--plugins</c> build of the same plugin.</param>
internal sealed record ResolvedPluginPaths(IReadOnlyList<string> Paths, IReadOnlyList<ShadowedPlugin> Shadowed);
