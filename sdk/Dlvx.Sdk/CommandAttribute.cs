namespace Dlvx.Sdk;

/// <summary>
/// Marks a class as a dlvx command and carries the metadata every client shows for it.
/// </summary>
/// <remarks>
/// The class must implement <see cref="ICommand"/>. Its public properties marked with
/// <see cref="OptionAttribute"/> or <see cref="ArgumentAttribute"/> are bound from the command line
/// before <see cref="ICommand.ExecuteAsync"/> runs; its constructor receives services from DI.
/// <code>
/// [Command("heap-stats", Aliases = ["hs"], Summary = "Show the target's memory statistics.")]
/// public sealed class HeapStatsCommand(IDelveClient delve) : ICommand { ... }
/// </code>
/// A sub-command names its parent command's class with <see cref="Parent"/>; its own name is one
/// word, and users type it after the parent's name:
/// <code>
/// [Command("diff", Parent = typeof(HeapStatsCommand), Summary = "Compare two snapshots.")]
/// public sealed class HeapStatsDiffCommand(IDelveClient delve) : ICommand { ... }   // heap-stats diff A B
/// </code>
/// The parent's <c>--help</c> lists its sub-commands, and the parent's aliases work for them too
/// (<c>hs diff</c>). A name of two words (<c>"heap-stats diff"</c>) also declares a sub-command, of the
/// command with the first word; that older form is still accepted.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class CommandAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="name">The command name in kebab-case, for example <c>heap-stats</c>.</param>
    public CommandAttribute(string name) => Name = name;

    /// <summary>The command name in kebab-case. In the dlv terminal <c>-</c> becomes <c>_</c>.</summary>
    public string Name { get; }

    /// <summary>
    /// The command class this command is a sub-command of, in the same plugin; null for a top-level
    /// command. Sub-commands may have sub-commands of their own.
    /// </summary>
    public Type? Parent { get; init; }

    /// <summary>Other names the command answers to.</summary>
    public string[] Aliases { get; init; } = [];

    /// <summary>One line saying what the command does; shown by <c>help</c> in every client.</summary>
    public string Summary { get; init; } = "";

    /// <summary>
    /// Optional usage line, for example <c>heap-stats [-top N]</c>. When empty the host generates
    /// one from the command's options and arguments.
    /// </summary>
    public string Usage { get; init; } = "";

    /// <summary>Optional longer description shown by <c>--help</c> after the summary.</summary>
    public string Description { get; init; } = "";

    /// <summary>
    /// Whether the command reads the target. When true (the default) the host refuses to run it
    /// while the target is running, with <c>target is running; halt it first</c>, instead of blocking.
    /// </summary>
    public bool RequiresStoppedTarget { get; init; } = true;
}
