using System.Reflection;
using System.Text;
using Dlvx.Sdk;

namespace Dlvx.PluginRuntime.Commands;

/// <summary>Everything the host knows about one command class, read once from its attributes.</summary>
public sealed class CommandDescriptor
{
    private CommandDescriptor(Type type, CommandAttribute attribute, IReadOnlyList<OptionDescriptor> options, IReadOnlyList<ArgumentDescriptor> arguments)
    {
        Type = type;
        Name = attribute.Name;
        Aliases = attribute.Aliases;
        Summary = attribute.Summary;
        Description = attribute.Description;
        RequiresStoppedTarget = attribute.RequiresStoppedTarget;
        Options = options;
        Arguments = arguments;
        Usage = attribute.Usage.Length > 0 ? attribute.Usage : GenerateUsage();
    }

    /// <summary>The command class.</summary>
    public Type Type { get; }

    /// <summary>Canonical name, possibly two words for a sub-command.</summary>
    public string Name { get; }

    /// <summary>Other names.</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>One-line summary.</summary>
    public string Summary { get; }

    /// <summary>Longer description.</summary>
    public string Description { get; }

    /// <summary>Usage line.</summary>
    public string Usage { get; }

    /// <summary>Whether the host must refuse to run it on a running target.</summary>
    public bool RequiresStoppedTarget { get; }

    /// <summary>Named options.</summary>
    public IReadOnlyList<OptionDescriptor> Options { get; }

    /// <summary>Positional arguments, by position.</summary>
    public IReadOnlyList<ArgumentDescriptor> Arguments { get; }

    /// <summary>The first word of the name: what the terminal and <c>help</c> list.</summary>
    public string RootName => Name.Split(' ')[0];

    /// <summary>Reads a command class.</summary>
    /// <exception cref="InvalidOperationException">The class is not a valid command; the message says why.</exception>
    public static CommandDescriptor FromType(Type type)
    {
        var attribute = type.GetCustomAttribute<CommandAttribute>()
            ?? throw new InvalidOperationException($"{type.FullName} has no [Command] attribute");
        if (!typeof(ICommand).IsAssignableFrom(type))
        {
            throw new InvalidOperationException($"{type.FullName} has [Command] but does not implement ICommand");
        }

        if (!CommandNames.IsValid(attribute.Name))
        {
            throw new InvalidOperationException($"{type.FullName}: '{attribute.Name}' is not a valid command name (use kebab-case words, for example heap-stats)");
        }

        var options = new List<OptionDescriptor>();
        var arguments = new List<ArgumentDescriptor>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var option = property.GetCustomAttribute<OptionAttribute>();
            var argument = property.GetCustomAttribute<ArgumentAttribute>();
            if (option is null && argument is null)
            {
                continue;
            }

            if (!property.CanWrite || !ValueConverter.IsSupported(property.PropertyType))
            {
                throw new InvalidOperationException($"{type.FullName}.{property.Name}: options need a settable property of a supported type, not {property.PropertyType.Name}");
            }

            if (option is not null)
            {
                var valueName = option.ValueName.Length > 0 ? option.ValueName : option.Name.ToUpperInvariant().Replace('-', '_');
                options.Add(new OptionDescriptor(option.Name, option.Aliases, option.Description, valueName, property));
            }
            else
            {
                var name = argument!.Name.Length > 0 ? argument.Name : property.Name.ToUpperInvariant();
                arguments.Add(new ArgumentDescriptor(argument.Position, name, argument.Description, argument.Required, property));
            }
        }

        arguments.Sort((a, b) => a.Position.CompareTo(b.Position));
        var reserved = new[] { "json", "help", "h" };
        foreach (var option in options)
        {
            if (option.Aliases.Append(option.Name).Any(n => reserved.Contains(n, StringComparer.Ordinal)))
            {
                throw new InvalidOperationException($"{type.FullName}: option '{option.Name}' uses a name the host reserves (--json, --help)");
            }
        }

        return new CommandDescriptor(type, attribute, options, arguments);
    }

    /// <summary>Whether <paramref name="name"/> is this command's name or one of its aliases.</summary>
    public bool Answers(string name) => Name == name || Aliases.Contains(name);

    /// <summary>The full help text printed by <c>--help</c>.</summary>
    /// <param name="instance">A fresh instance of the command, whose property values are shown as defaults; optional.</param>
    public string FormatHelp(object? instance = null)
    {
        var text = new StringBuilder();
        text.Append(Name);
        if (Summary.Length > 0)
        {
            text.Append(" - ").Append(Summary);
        }

        text.AppendLine().AppendLine();
        if (Description.Length > 0)
        {
            text.AppendLine(Description).AppendLine();
        }

        text.Append("Usage: ").AppendLine(Usage);
        var rows = new List<(string Left, string Right)>();
        foreach (var argument in Arguments)
        {
            rows.Add(($"  {argument.Name}", argument.Description + (argument.Required ? " (required)" : "")));
        }

        foreach (var option in Options)
        {
            var names = string.Join(", ", option.Aliases.Select(a => "-" + a).Prepend("-" + option.Name));
            var left = option.IsFlag ? $"  {names}" : $"  {names} {option.ValueName}";
            var right = option.Description;
            var type = ValueConverter.UnderlyingType(option.Property.PropertyType);
            if (type.IsEnum)
            {
                right += $" ({string.Join("|", ValueConverter.EnumChoices(type))})";
            }

            if (!option.IsFlag && instance is not null && option.Property.GetValue(instance) is { } value && !(value is string s && s.Length == 0))
            {
                right += $" [default: {FormatDefault(value)}]";
            }

            rows.Add((left, right.Trim()));
        }

        rows.Add(("  --json", "print the structured result as JSON"));
        rows.Add(("  --help", "show this help"));
        var width = rows.Max(r => r.Left.Length) + 2;
        text.AppendLine().AppendLine(Arguments.Count > 0 ? "Arguments and options:" : "Options:");
        foreach (var (left, right) in rows)
        {
            text.Append(left.PadRight(width)).AppendLine(right);
        }

        if (Aliases.Count > 0)
        {
            text.AppendLine().Append("Aliases: ").AppendLine(string.Join(", ", Aliases));
        }

        return text.ToString().TrimEnd();
    }

    private static string FormatDefault(object value) => value switch
    {
        Enum e => ValueConverter.KebabCase(e.ToString()),
        TimeSpan t => t.TotalMilliseconds < 1000 ? $"{t.TotalMilliseconds:0}ms" : $"{t.TotalSeconds:0.###}s",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private string GenerateUsage()
    {
        var usage = new StringBuilder(Name);
        foreach (var option in Options)
        {
            usage.Append(option.IsFlag ? $" [-{option.Name}]" : $" [-{option.Name} {option.ValueName}]");
        }

        foreach (var argument in Arguments)
        {
            var name = argument.IsVariadic ? argument.Name + "..." : argument.Name;
            usage.Append(argument.Required ? $" {name}" : $" [{name}]");
        }

        return usage.ToString();
    }
}
