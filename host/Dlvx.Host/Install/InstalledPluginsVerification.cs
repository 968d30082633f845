using Dlvx.PluginRuntime.Plugins;

namespace Dlvx.Host.Install;

/// <summary>What <see cref="InstalledPlugins.VerifyAsync"/> found.</summary>
/// <param name="Folders">Plugin folders that may be loaded.</param>
/// <param name="Refused">Installed plugins whose files no longer match their install, with a one-line reason.</param>
/// <param name="Installed">
/// What <c>plugins.json</c> records about each folder in <paramref name="Folders"/> that <c>dlvx plugins install</c>
/// put there (a folder copied in by hand has no entry).
/// </param>
internal sealed record InstalledPluginsVerification(IReadOnlyList<string> Folders, IReadOnlyList<PluginLoadFailure> Refused, IReadOnlyDictionary<string, InstalledPlugin> Installed);
