namespace Dlvx.Sdk;

/// <summary>
/// Binds a public settable property of a command to a named option, such as <c>-top 5</c> or
/// <c>--by-type</c>. Both one and two leading dashes are accepted, as in Delve's own commands.
/// </summary>
/// <remarks>
/// Supported property types: <see cref="string"/>, <see cref="bool"/> (a flag: <c>-x</c> turns it on,
/// <c>-x=false</c>, <c>--x false</c> and <c>--no-x</c> turn it off, so a flag that defaults to true can be
/// turned off), integral and floating-point numbers, enums (matched case-insensitively, with
/// <c>-</c> ignored), <see cref="TimeSpan"/> (<c>500ms</c>, <c>2s</c>, <c>1m</c>) and their
/// nullable forms. The property's initial value is the default, shown by <c>--help</c> and <c>help COMMAND</c>.
/// </remarks>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class OptionAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="name">The option name without dashes, in kebab-case, for example <c>by-type</c>.</param>
    public OptionAttribute(string name) => Name = name;

    /// <summary>The option name without dashes.</summary>
    public string Name { get; }

    /// <summary>Other names, without dashes (for example a one-letter short form).</summary>
    public string[] Aliases { get; init; } = [];

    /// <summary>What the option does, shown by <c>--help</c>.</summary>
    public string Description { get; init; } = "";

    /// <summary>Placeholder for the value in usage text, for example <c>N</c>. Defaults to the name in capitals.</summary>
    public string ValueName { get; init; } = "";
}
