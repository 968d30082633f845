using System.Reflection;

namespace Dlvx.PluginRuntime.Commands;

/// <summary>A named option of a command, read from its <see cref="Sdk.OptionAttribute"/>.</summary>
/// <param name="Name">Name without dashes.</param>
/// <param name="Aliases">Other names without dashes.</param>
/// <param name="Description">Help text.</param>
/// <param name="ValueName">Placeholder in usage text.</param>
/// <param name="Property">The bound property.</param>
internal sealed record OptionDescriptor(string Name, IReadOnlyList<string> Aliases, string Description, string ValueName, PropertyInfo Property)
{
    /// <summary>Whether the option is a flag that takes no value.</summary>
    public bool IsFlag => ValueConverter.UnderlyingType(Property.PropertyType) == typeof(bool);
}
