using System.Reflection;
using System.Text;
using Dlvx.Sdk;
using Dlvx.Sdk.Text;

namespace Dlvx.PluginRuntime.Commands;

/// <summary>
/// Everything the host knows about one command class, read once from its attributes. A sub-command
/// knows its parent and the parent its sub-commands once <see cref="CommandTree.Link"/> has run.
/// </summary>
internal sealed class CommandDescriptor
{
    private readonly List<CommandDescriptor> subCommands = [];
    private readonly string declaredName;
    private readonly IReadOnlyList<string> declaredAliases;
    private readonly string explicitUsage;

    private CommandDescriptor(Type type, CommandAttribute attribute, IReadOnlyList<OptionDescriptor> options, IReadOnlyList<ArgumentDescriptor> arguments)
    {
        Type = type;
        declaredName = attribute.Name;
        declaredAliases = attribute.Aliases;
        Name = attribute.Name;
        ParentType = attribute.Parent;
        Summary = attribute.Summary;
        Description = attribute.Description;
        RequiresStoppedTarget = attribute.RequiresStoppedTarget;
        Options = options;
        Arguments = arguments;
        explicitUsage = attribute.Usage;
    }

    /// <summary>The command class.</summary>
    public Type Type { get; }

    /// <summary>The full name users type: one word, or several for a sub-command (<c>heap-stats diff</c>).</summary>
    public string Name { get; private set; }

    /// <summary>Every other full name the command answers to: its aliases, under each of its parent's names.</summary>
    public IReadOnlyList<string> Aliases => [.. Names.Skip(1)];

    /// <summary>The canonical name first, then every alias.</summary>
    public IReadOnlyList<string> Names => Parent is null
        ? [Name, .. declaredAliases]
        : [.. Parent.Names.SelectMany(parent => declaredAliases.Prepend(LastWord).Select(word => $"{parent} {word}"))];

    /// <summary>The class named by <see cref="CommandAttribute.Parent"/>, if any.</summary>
    public Type? ParentType { get; }

    /// <summary>The command this one is a sub-command of, once linked.</summary>
    public CommandDescriptor? Parent { get; private set; }

    /// <summary>This command's sub-commands, once linked.</summary>
    public IReadOnlyList<CommandDescriptor> SubCommands => subCommands;

    /// <summary>The name as declared, for a sub-command declared the older way with several words (<c>"heap-stats diff"</c>).</summary>
    internal string DeclaredName => declaredName;

    private string LastWord => declaredName[(declaredName.LastIndexOf(' ') + 1)..];

    /// <summary>One-line summary.</summary>
    public string Summary { get; }

    /// <summary>Longer description.</summary>
    public string Description { get; }

    /// <summary>Usage line.</summary>
    public string Usage => explicitUsage.Length > 0 ? explicitUsage : GenerateUsage();

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

        if (attribute.Parent is not null && attribute.Name.Contains(' ', StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{type.FullName}: a sub-command's name is one word ('{attribute.Name}' has several); the parent's name comes first by itself");
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
    public bool Answers(string name) => Names.Contains(name);

    /// <summary>Makes this command a sub-command of <paramref name="parent"/>: its full name becomes the parent's and its own.</summary>
    internal void AttachTo(CommandDescriptor parent)
    {
        Parent = parent;
        Name = $"{parent.Name} {LastWord}";
        parent.subCommands.Add(this);
    }

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
            rows.Add((argument.Name, argument.Description + (argument.Required ? " (required)" : "")));
        }

        foreach (var option in Options)
        {
            var names = string.Join(", ", option.Aliases.Select(a => "-" + a).Prepend("-" + option.Name));
            var left = option.IsFlag ? names : $"{names} {option.ValueName}";
            var right = option.Description;
            var type = ValueConverter.UnderlyingType(option.Property.PropertyType);
            if (type.IsEnum)
            {
                right += $" ({string.Join("|", ValueConverter.EnumChoices(type))})";
            }

            if (instance is not null && option.Property.GetValue(instance) is { } value && !(value is string s && s.Length == 0))
            {
                // A flag is off unless given, so only one that starts on says so, with how to turn it off.
                if (!option.IsFlag)
                {
                    right += $" [default: {FormatDefault(value)}]";
                }
                else if (value is true)
                {
                    right += $" [default: true; --{CommandLineBinder.NegationPrefix}{option.Name} turns it off]";
                }
            }

            rows.Add((left, right.Trim()));
        }

        rows.Add(("--json", "print the structured result as JSON (indented up to 1 MiB, compact above)"));
        rows.Add(("--help", "show this help"));
        var table = new TextTable { Indent = "  " }.AddColumn("").AddColumn("");
        foreach (var (left, right) in rows)
        {
            table.AddRow(left, right);
        }

        table.AppendTo(text.AppendLine().AppendLine(Arguments.Count > 0 ? "Arguments and options:" : "Options:")).AppendLine();
        if (SubCommands.Count > 0)
        {
            var subTable = new TextTable { Indent = "  ", Gap = "    " }.AddColumn("").AddColumn("");
            foreach (var sub in SubCommands.OrderBy(c => c.Name, StringComparer.Ordinal))
            {
                subTable.AddRow(sub.LastWord, sub.Summary);
            }

            subTable.AppendTo(text.AppendLine().AppendLine("Sub-commands:")).AppendLine();
            text.Append("Run '").Append(Name).AppendLine(" SUB-COMMAND --help' for a sub-command's options.");
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
