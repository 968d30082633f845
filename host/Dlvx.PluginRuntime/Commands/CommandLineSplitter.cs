using System.Text;
using Dlvx.Sdk;

namespace Dlvx.PluginRuntime.Commands;

/// <summary>
/// Splits a command line typed in a debug console (<c>dlv heap-stats -filter "main\..*"</c>) into
/// arguments: whitespace separates, single and double quotes group, a backslash escapes inside double quotes.
/// </summary>
internal static class CommandLineSplitter
{
    /// <summary>Splits <paramref name="line"/>.</summary>
    /// <exception cref="UsageException">A quote is not closed.</exception>
    public static IReadOnlyList<string> Split(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var arguments = new List<string>();
        var current = new StringBuilder();
        var inToken = false;
        char? quote = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote is { } open)
            {
                if (c == open)
                {
                    quote = null;
                }
                else if (c == '\\' && open == '"' && i + 1 < line.Length && line[i + 1] is '"' or '\\')
                {
                    current.Append(line[++i]);
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inToken)
                {
                    arguments.Add(current.ToString());
                    current.Clear();
                    inToken = false;
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                inToken = true;
            }
            else
            {
                current.Append(c);
                inToken = true;
            }
        }

        if (quote is not null)
        {
            throw new UsageException($"unterminated {(quote == '"' ? "double" : "single")} quote in: {line}");
        }

        if (inToken)
        {
            arguments.Add(current.ToString());
        }

        return arguments;
    }
}
