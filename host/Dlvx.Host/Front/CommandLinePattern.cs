using System.Text.RegularExpressions;

namespace Dlvx.Host.Front;

/// <summary>
/// Recognises <c>dlv COMMAND [ARGS]</c> typed into an expression box (Eval, DAP evaluate): the
/// convention Delve's own debug console uses. Such text is never a valid Go expression.
/// </summary>
internal static partial class CommandLinePattern
{
    /// <summary>Returns the command line after <c>dlv</c>, or null when the text is an ordinary expression.</summary>
    public static string? Match(string? expression)
    {
        if (expression is null)
        {
            return null;
        }

        var match = DlvCommand().Match(expression);
        return match.Success ? match.Groups["line"].Value.Trim() : null;
    }

    /// <summary>The first word of a command line.</summary>
    public static string FirstWord(string commandLine)
    {
        var trimmed = commandLine.TrimStart();
        var end = trimmed.IndexOfAny([' ', '\t', '\n', '\r']);
        return end < 0 ? trimmed : trimmed[..end];
    }

    [GeneratedRegex(@"^\s*dlv\s+(?<line>[A-Za-z_][\w-]*(\s[\s\S]*)?)$")]
    private static partial Regex DlvCommand();
}
