namespace Dlvx.Host.Install;

/// <summary>What loading a plugin folder showed.</summary>
/// <param name="Commands">Its command names and aliases.</param>
/// <param name="Error">Why it does not load, or null.</param>
internal sealed record PluginInspection(IReadOnlyList<string> Commands, string? Error);
