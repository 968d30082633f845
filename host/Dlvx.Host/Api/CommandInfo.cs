namespace Dlvx.Host.Api;

/// <summary>One plugin command as <c>Dlvx.ListCommands</c> describes it.</summary>
/// <param name="Name">The full name, for example <c>heap-stats</c> or <c>heap-stats diff</c>.</param>
/// <param name="Aliases">Other names it answers to.</param>
/// <param name="Summary">One line for help.</param>
/// <param name="Usage">The usage line.</param>
/// <param name="Plugin">The plugin that declares it.</param>
/// <param name="PluginVersion">That plugin's version.</param>
internal sealed record CommandInfo(string Name, IReadOnlyList<string> Aliases, string Summary, string Usage, string Plugin, string PluginVersion);
