namespace Dlvx.Sdk;

/// <summary>
/// Binds a public settable property of a command to a positional argument.
/// </summary>
/// <remarks>
/// Positions start at 0 and count only arguments that are not options. A property of type
/// <c>string[]</c> (or any array of a supported type) at the last position takes every remaining argument.
/// </remarks>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class ArgumentAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="position">Zero-based position among the positional arguments.</param>
    public ArgumentAttribute(int position) => Position = position;

    /// <summary>Zero-based position among the positional arguments.</summary>
    public int Position { get; }

    /// <summary>Name shown in usage text, for example <c>NAME</c>.</summary>
    public string Name { get; init; } = "";

    /// <summary>What the argument means, shown by <c>--help</c>.</summary>
    public string Description { get; init; } = "";

    /// <summary>Whether the argument must be given.</summary>
    public bool Required { get; init; }
}
