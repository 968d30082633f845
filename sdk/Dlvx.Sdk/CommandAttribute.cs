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
/// A name may hold two words ("heap-stats diff") to declare a sub-command; the first word is the
/// command users see in the terminal, the rest is matched against its arguments.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class CommandAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="name">The command name in kebab-case, for example <c>heap-stats</c>.</param>
    public CommandAttribute(string name) => Name = name;

    /// <summary>The command name in kebab-case. In the dlv terminal <c>-</c> becomes <c>_</c>.</summary>
    public string Name { get; }

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
