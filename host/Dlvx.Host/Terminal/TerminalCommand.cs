namespace Dlvx.Host.Terminal;

/// <summary>What the Starlark shim needs to know about one plugin command.</summary>
/// <param name="Name">The command's name (kebab-case).</param>
/// <param name="Aliases">Its aliases.</param>
/// <param name="Summary">One-line summary.</param>
/// <param name="Usage">Usage line.</param>
/// <param name="Plugin">The plugin that declares it.</param>
internal sealed record TerminalCommand(string Name, IReadOnlyList<string> Aliases, string Summary, string Usage, string Plugin);
