using Dlvx.Sdk;

namespace Dlvx.PluginRuntime.Commands;

/// <summary>
/// Binds raw arguments to a command instance's option and argument properties, Delve-style:
/// <c>-name value</c>, <c>--name value</c>, <c>-name=value</c>, <c>--</c> ending options, and flags
/// (bool options) as <c>-x</c>, <c>-x=false</c>, <c>--x false</c> or <c>--no-x</c>.
/// </summary>
internal static class CommandLineBinder
{
    /// <summary>Turns a flag off: <c>--no-names</c> is <c>--names=false</c>.</summary>
    public const string NegationPrefix = "no-";

    /// <summary>Binds <paramref name="arguments"/> to <paramref name="command"/>.</summary>
    /// <exception cref="UsageException">The arguments do not fit; the message says which and why.</exception>
    public static void Bind(object command, CommandDescriptor descriptor, IReadOnlyList<string> arguments)
    {
        var positional = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var optionsEnded = false;
        for (var i = 0; i < arguments.Count; i++)
        {
            var token = arguments[i];
            if (!optionsEnded && token == "--")
            {
                optionsEnded = true;
                continue;
            }

            if (optionsEnded || !LooksLikeOption(token))
            {
                positional.Add(token);
                continue;
            }

            var body = token.TrimStart('-');
            string? inlineValue = null;
            var equals = body.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                inlineValue = body[(equals + 1)..];
                body = body[..equals];
            }

            var negated = false;
            var option = Find(descriptor, body);
            if (option is null && body.StartsWith(NegationPrefix, StringComparison.Ordinal) && Find(descriptor, body[NegationPrefix.Length..]) is { IsFlag: true } flag)
            {
                if (inlineValue is not null)
                {
                    throw new UsageException($"option {token[..(token.IndexOf('=', StringComparison.Ordinal))]} takes no value (it turns -{flag.Name} off)");
                }

                option = flag;
                negated = true;
            }

            if (option is null)
            {
                throw new UsageException($"unknown option {token}{Suggest(descriptor, body)}");
            }

            if (!seen.Add(option.Name) && !option.Property.PropertyType.IsArray)
            {
                throw new UsageException($"option -{option.Name} is given more than once");
            }

            string text;
            if (negated)
            {
                text = "false";
            }
            else if (inlineValue is not null)
            {
                text = inlineValue;
            }
            else if (option.IsFlag)
            {
                // "--names false" as well as "--names=false": a flag takes the next word only when it is
                // true or false, so a positional argument after a flag is never swallowed by it.
                text = i + 1 < arguments.Count && IsBooleanWord(arguments[i + 1]) ? arguments[++i] : "true";
            }
            else if (i + 1 < arguments.Count)
            {
                text = arguments[++i];
            }
            else
            {
                throw new UsageException($"option -{option.Name} needs a value ({option.ValueName})");
            }

            option.Property.SetValue(command, ValueConverter.Convert(text, option.Property.PropertyType, $"option -{option.Name}"));
        }

        BindPositional(command, descriptor, positional);
    }

    private static void BindPositional(object command, CommandDescriptor descriptor, List<string> values)
    {
        var index = 0;
        foreach (var argument in descriptor.Arguments)
        {
            if (argument.IsVariadic)
            {
                var elementType = argument.Property.PropertyType.GetElementType()!;
                var rest = values.Skip(index).ToArray();
                var array = Array.CreateInstance(elementType, rest.Length);
                for (var j = 0; j < rest.Length; j++)
                {
                    array.SetValue(ValueConverter.Convert(rest[j], elementType, argument.Name), j);
                }

                argument.Property.SetValue(command, array);
                index = values.Count;
                if (argument.Required && rest.Length == 0)
                {
                    throw new UsageException($"missing argument {argument.Name}");
                }

                continue;
            }

            if (index < values.Count)
            {
                argument.Property.SetValue(command, ValueConverter.Convert(values[index++], argument.Property.PropertyType, argument.Name));
            }
            else if (argument.Required)
            {
                throw new UsageException($"missing argument {argument.Name}");
            }
        }

        if (index < values.Count)
        {
            throw new UsageException($"unexpected argument '{values[index]}'");
        }
    }

    private static OptionDescriptor? Find(CommandDescriptor descriptor, string name) =>
        descriptor.Options.FirstOrDefault(o => o.Name == name || o.Aliases.Contains(name));

    private static bool IsBooleanWord(string word) =>
        string.Equals(word, "true", StringComparison.OrdinalIgnoreCase) || string.Equals(word, "false", StringComparison.OrdinalIgnoreCase);

    // "-5" is a negative number, not an option; "-" alone is a value too.
    private static bool LooksLikeOption(string token) =>
        token.Length > 1 && token[0] == '-' && token.TrimStart('-') is { Length: > 0 } body && char.IsLetter(body[0]);

    private static string Suggest(CommandDescriptor descriptor, string name)
    {
        var names = descriptor.Options.Select(o => "-" + o.Name).ToList();
        return names.Count == 0 ? " (this command takes no options)" : $" (known: {string.Join(", ", names)})";
    }
}
