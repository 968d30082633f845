using System.Reflection;

namespace Dlvx.PluginRuntime.Commands;

/// <summary>A positional argument of a command, read from its <see cref="Sdk.ArgumentAttribute"/>.</summary>
/// <param name="Position">Zero-based position.</param>
/// <param name="Name">Name in usage text.</param>
/// <param name="Description">Help text.</param>
/// <param name="Required">Whether it must be given.</param>
/// <param name="Property">The bound property.</param>
internal sealed record ArgumentDescriptor(int Position, string Name, string Description, bool Required, PropertyInfo Property)
{
    /// <summary>Whether the argument takes all remaining positional values.</summary>
    public bool IsVariadic => Property.PropertyType.IsArray;
}
