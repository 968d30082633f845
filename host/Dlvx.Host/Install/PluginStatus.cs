namespace Dlvx.Host.Install;

/// <summary>One line of <c>dlvx plugins list</c>.</summary>
/// <param name="Id">The package id, or the folder name of a plugin not installed by dlvx.</param>
/// <param name="Version">The installed version, or empty.</param>
/// <param name="SdkVersion">The Dlvx.Sdk version it was built against, or empty.</param>
/// <param name="Commands">Its commands and aliases.</param>
/// <param name="Status"><c>ok</c>, or why it will not load.</param>
/// <param name="Managed">Whether dlvx installed it (and so verifies it).</param>
internal sealed record PluginStatus(string Id, string Version, string SdkVersion, IReadOnlyList<string> Commands, string Status, bool Managed);
